#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wasmedge_boa_fuzz::check_chunks(data);
});
