//! The viewer's entry point: everything lives in the library so that browser tests reach it.

fn main() {
    bulletin_viewer::start();
}
