// Validates Adaptive Card JSON files with the official parser: node validate-cards.js <dir>.
// Prints one line per card and exits 1 when any card has a validation error or is not schema 1.5.
const fs = require("fs");
const path = require("path");
const AC = require("adaptivecards/dist/adaptivecards.js");

const dir = process.argv[2];
let failed = 0;
for (const file of fs.readdirSync(dir).filter(f => f.endsWith(".json")).sort()) {
  const json = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems = [];
  for (const e of context.eventCount ? Array.from({length: context.eventCount}, (_, i) => context.getEventAt(i)) : []) {
    problems.push("parse: " + e.message);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push("validate: " + e.message);
  }
  if (json.version !== "1.5") {
    problems.push("version is " + json.version + ", Teams renders 1.5");
  }
  if (problems.length) {
    failed++;
    console.log("FAIL " + file + ": " + problems.join("; "));
  } else {
    console.log("OK " + file);
  }
}
process.exit(failed ? 1 : 0);
