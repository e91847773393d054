/**
 * Build step (`npm run build`, after tsc): writes `dist/provider/spec/validators.js`, the input
 * validator of every resource type as ajv standalone code, so a provider process validates without
 * parsing the YAML spec and compiling schemas (~0.35 s per preview). Each entry carries the hash of
 * its schema and of the spec file; `compile` in `provider/spec/index.ts` uses an entry only when
 * both still match and compiles at run time otherwise.
 */
import * as fs from "fs";
import * as path from "path";
import standaloneCode from "ajv/dist/standalone";
import { schemaHash, specAjv, specFileHash } from "../provider/spec";
import { ENTITY_DEFINITIONS as definitions } from "../provider/resources/definitions";
import { inputsValidatorKey } from "../provider/resources/framework/diff";

const ajv = specAjv(true);
const specHash = specFileHash();
const refs: Record<string, string> = {};
const hashes: Record<string, string> = {};
for (const def of definitions) {
  const key = inputsValidatorKey(def);
  const id = `validator-${def.typeName}`;
  ajv.addSchema(def.inputSchema, id);
  refs[key] = id;
  hashes[key] = schemaHash(def.inputSchema, specHash);
}
const code = standaloneCode(ajv, refs);
const out = path.resolve(__dirname, "..", "provider", "spec", "validators.js");
const footer = `\nexports.specHash = ${JSON.stringify(specHash)};\nexports.validators = {\n${Object.keys(refs)
  .map(
    (k) => `  ${JSON.stringify(k)}: { hash: ${JSON.stringify(hashes[k])}, validate: exports[${JSON.stringify(k)}] },`,
  )
  .join("\n")}\n};\n`;
fs.writeFileSync(out, code + footer);
console.log(`gen-validators: ${Object.keys(refs).length} validators -> ${path.relative(process.cwd(), out)}`);
