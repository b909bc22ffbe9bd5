// Module `assert/strict`: the strict variant of `assert`.
import { strict } from 'assert';
export default strict;
export const {
  ok, equal, notEqual, deepEqual, notDeepEqual, strictEqual, notStrictEqual, deepStrictEqual,
  notDeepStrictEqual, fail, match, doesNotMatch, ifError, throws, doesNotThrow, rejects, doesNotReject,
  AssertionError,
} = strict;
