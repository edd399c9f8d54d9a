//! Compile errors are part of the macros' interface: each bad declaration
//! fails with a message at the offending token (tests/ui/*.stderr).

#[test]
fn bad_declarations_fail_to_compile_with_clear_messages() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
