import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Namespace, Secret, Service } from 'kubernetes-models/v1';
import { parse } from 'yaml';
import type { KubernetesObject } from './kubernetes-manifests';

/** The Strimzi CRDs (schemas only), vendored so the check needs nothing outside the repository. */
export const STRIMZI_SCHEMAS_DIR = join(__dirname, 'strimzi-crds');

interface CustomResourceDefinition {
  spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: object } }[] };
}

type CoreModel = new (object: never) => { validate(): void };

const CORE: Readonly<Record<string, CoreModel>> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
};

/**
 * Checks manifests offline: core objects with kubernetes-models (the Kubernetes OpenAPI schemas), Strimzi
 * resources with ajv against the operator's own CRD schemas. An object of any other kind is a problem too.
 */
export class ManifestValidator {
  private readonly custom = new Map<string, ValidateFunction>();

  constructor(crdDir: string = STRIMZI_SCHEMAS_DIR) {
    // The CRDs carry Kubernetes' own keywords (x-kubernetes-*); they are not validation rules for ajv.
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const file of readdirSync(crdDir).filter((name) => /^\d+-Crd-.*\.yaml$/.test(name))) {
      const crd = parse(readFileSync(join(crdDir, file), 'utf8')) as CustomResourceDefinition;
      for (const version of crd.spec.versions) {
        this.custom.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(version.schema.openAPIV3Schema));
      }
    }
  }

  /** Every problem, named by kind and object name; empty when all is valid. */
  problems(objects: readonly KubernetesObject[]): string[] {
    return objects.flatMap((object) => {
      const where = `${object.kind} ${object.metadata?.name ?? '(no name)'}`;
      const type = `${object.apiVersion}/${object.kind}`;
      const core = CORE[type];
      if (core) {
        try {
          new core(object as never).validate();
          return [];
        } catch (error) {
          return [`${where}: ${(error as Error).message}`];
        }
      }
      const validate = this.custom.get(type);
      if (!validate) return [`${where}: no schema for ${type}`];
      if (validate(object)) return [];
      return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
    });
  }
}
