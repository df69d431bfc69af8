/** Responses checked against the OpenAPI document's own schemas (ajv, JSON Schema 2020-12). */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { openApiDocument } from '../../src/server/openapi.ts';

export type DocumentedPath = keyof typeof openApiDocument.paths;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'newsdesk', components: openApiDocument.components });

const compiled = new Map<string, ValidateFunction>();

/** The validator for a named component schema (`Error`, `SearchResponse`, …). */
export function schemaValidator(
  name: keyof typeof openApiDocument.components.schemas,
): ValidateFunction {
  return validatorFor(`#/components/schemas/${name}`);
}

function validatorFor(ref: string): ValidateFunction {
  const known = compiled.get(ref);
  if (known) return known;
  const validate = ajv.compile({ $ref: `newsdesk${ref}` });
  compiled.set(ref, validate);
  return validate;
}

/** Asserts `body` matches the OpenAPI response schema for `path` and `status`. */
export function expectDocumented(path: DocumentedPath, status: number, body: unknown): void {
  const responses = openApiDocument.paths[path].get.responses as Record<
    number,
    { content: { 'application/json': { schema: { $ref: string } } } }
  >;
  const schema = responses[status]?.content['application/json'].schema;
  expect(schema, `${path} documents status ${status}`).toBeDefined();
  const validate = validatorFor(schema?.$ref ?? '');
  const valid = validate(body);
  expect(validate.errors ?? [], JSON.stringify(body).slice(0, 300)).toEqual([]);
  expect(valid).toBe(true);
}
