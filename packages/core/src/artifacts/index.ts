export {
  type ByteRange,
  parseRangeHeader,
  type RangeRequest,
  rangeHeader,
  resolveRange,
  UnsatisfiableRangeError,
} from "./byte-range.js";
