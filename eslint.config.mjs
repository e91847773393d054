// ESLint flat config: typescript-eslint's recommended rules over the package, emulator, scripts,
// tests and examples. Formatting is prettier's job (npm run lint runs both).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "docs/", "node_modules/", ".e2e/", ".demo/", "coverage/", "provider/spec/generated.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The serialized shims must call require() at run time (see provider/resources/shim.ts).
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // Each resource class merges an interface of its outputs (`interface Gate extends
    // OutputProperties<GateOutputs> {}`), so every output is stated once, in its outputs type.
    files: ["provider/resources/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { globals: { module: "writable", require: "readonly", __dirname: "readonly" } },
  },
);
