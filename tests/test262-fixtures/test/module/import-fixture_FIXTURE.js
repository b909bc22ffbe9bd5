// Written for the wasmedge_boa test262 runner fixtures.
import { half } from "./nested_FIXTURE.js";
export var answer = half * 2;
