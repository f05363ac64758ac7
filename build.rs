// Embedded migrations are read at compile time; a new file must rebuild them.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
