/**
 * The generic CRUD plumbing, written once and split by concern: `protocol` (Pulumi's side: the
 * unknown sentinel, program inputs, the provider type, the init-failed error), `diff` (canonical
 * comparison and validation), `managed` (the record of the fields the program sets, for refresh's
 * inputs), `definition` (what an entity says about itself), `provider` (the
 * provider factory), `calls` (helpers for an entity's API calls), `overrides` (the calls of an
 * `overrides` field, kept at its own endpoint).
 */
export * from "./calls";
export * from "./definition";
export * from "./diff";
export * from "./managed";
export * from "./protocol";
export { makeProvider } from "./provider";
export * from "./overrides";
