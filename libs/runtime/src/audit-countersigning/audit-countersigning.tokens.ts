/** The OIN of the hub whose checkpoints this party countersigns (the one HUB_OPERATOR of the party list). */
export const COUNTERSIGNED_HUB_OIN = Symbol('COUNTERSIGNED_HUB_OIN');
/** This party's OIN, which its counter-signatures name (and its envelope signature proves). */
export const COUNTERSIGNING_PARTY_OIN = Symbol('COUNTERSIGNING_PARTY_OIN');
