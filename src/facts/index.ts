export { FACTS, computeFacts, type FactContext, type FactDefinition, type FactValue, type Facts } from "./catalogue.js";
export { FACT_IDS, TREATMENT_FACTS, type FactId } from "./ids.js";
export { countedPersons, hasChildren, isOvercrowdedIn } from "./overcrowding.js";
