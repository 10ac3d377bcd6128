/**
 * The console keeps no state of its own: its database holds only the messaging tables every service has (outbox,
 * inbox, replay log), which libs/messaging migrates. In order, when one is ever needed; never edit a committed one.
 */
export const CONSOLE_MIGRATIONS = [];
