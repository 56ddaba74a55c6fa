/**
 * Reads the entries of a zip archive, so the packaging test can look inside each function's artifact without an
 * `unzip` on the machine: the stack's own reader (local/stack/unzip.ts), one zip parser for both.
 */
export { readZip } from '../../local/stack/unzip.ts';
