//! Project tasks (placeholder until the xtask lands).
fn main() {}
