// Offline checks of the deployment files, run by DeploymentManifestsTest (make test):
//   node validate.mjs kubernetes < rendered.yaml   every object against its Kubernetes schema
//   node validate.mjs compose <compose.yaml>       the compose file parses
// Prints the objects as JSON on stdout (for the test's own checks); problems on stderr, exit 1.
import { readFileSync } from "node:fs";
import { parseAllDocuments, parse } from "yaml";

const [mode, file] = process.argv.slice(2);

async function kubernetes(text) {
  const objects = [];
  const problems = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      problems.push(`YAML: ${document.errors.map(e => e.message).join("; ")}`);
      continue;
    }
    const object = document.toJSON();
    if (object === null) continue;
    if (object.kind === "Secret" && object.data) {
      // kustomize wraps long base64 values over lines; the API server's decoder skips the newlines.
      for (const key of Object.keys(object.data)) object.data[key] = object.data[key].replace(/\s/g, "");
    }
    const name = `${object.kind}/${object.metadata?.name}`;
    // kubernetes-models ships one class per apiVersion and kind, with the API's JSON schema.
    const group = object.apiVersion.includes("/") ? object.apiVersion : `v1`;
    let model;
    try {
      model = (await import(`kubernetes-models/${group === "v1" ? "v1" : group}/${object.kind}`))[object.kind];
    } catch (e) {
      problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
    }
    objects.push(object);
  }
  return { objects, problems };
}

let result;
if (mode === "kubernetes") {
  result = await kubernetes(readFileSync(0, "utf8"));
} else if (mode === "compose") {
  try {
    result = { objects: [parse(readFileSync(file, "utf8"), { merge: true })], problems: [] };
  } catch (e) {
    result = { objects: [], problems: [`${file}: ${e.message}`] };
  }
} else {
  console.error("usage: node validate.mjs kubernetes < rendered.yaml | node validate.mjs compose <file>");
  process.exit(2);
}
for (const problem of result.problems) console.error(problem);
console.log(JSON.stringify(result.objects));
process.exit(result.problems.length === 0 ? 0 : 1);
