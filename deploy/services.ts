// The service list lives in libs/infrastructure, which sets up the development broker's ACLs and PKI from it;
// deploy/ keeps this name so the Kubernetes renderer and the start script read it where they always did.
export { httpUrlVariableOf, WELKOM_SERVICES, type WelkomService } from '@welkom/infrastructure';
