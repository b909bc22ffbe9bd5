fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(wasmedge_boa_test262::cli::main(&args));
}
