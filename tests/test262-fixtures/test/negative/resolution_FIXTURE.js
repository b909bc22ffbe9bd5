// Written for the wasmedge_boa test262 runner fixtures.
export var present = 1;
