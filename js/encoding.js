// Module `encoding`: the runtime's native TextEncoder/TextDecoder (always global in wasmedge_boa).
export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;
export default { TextEncoder, TextDecoder };
