//! Example answers of key pairs.
//!
//! Two page examples disagree with the specification: CreateUHostKeyPair's
//! lists `KeyPairName` at the top instead of inside `KeyPair`, and
//! DescribeUHostKeyPairs' has a word where `CreateTime` is an integer. The
//! specification wins.

use api_uhost::key_pairs::{
    CreateUHostKeyPairResponse, DeleteUHostKeyPairsResponse, DescribeUHostKeyPairsResponse,
    ImportUHostKeyPairsResponse,
};

use super::decode;

#[test]
fn create_key_pair_example_decodes_and_a_full_answer_keeps_the_private_key_secret() {
    let r: CreateUHostKeyPairResponse = decode(
        "CreateUHostKeyPair",
        include_str!("../fixtures/responses/CreateUHostKeyPair.json"),
    );
    assert_eq!(
        r.key_pair.key_pair_name, "",
        "the example's top-level name is not part of the answer"
    );
    let body = r#"{"RetCode":0,"KeyPair":{"KeyPairId":"uhostkp-1","KeyPairName":"deploy",
        "PrivateKeyBody":"-----BEGIN OPENSSH PRIVATE KEY-----secret","CreateTime":1700000000}}"#;
    let r: CreateUHostKeyPairResponse = decode("CreateUHostKeyPair", body);
    assert_eq!(r.key_pair.key_pair_id, "uhostkp-1");
    assert_eq!(r.key_pair.create_time, 1_700_000_000);
    assert!(r.key_pair.private_key_body.ends_with("secret"));
    assert!(
        !format!("{r:?}").contains("secret"),
        "Debug hides the private key"
    );
}

#[test]
fn delete_and_import_examples_decode() {
    let _: DeleteUHostKeyPairsResponse = decode(
        "DeleteUHostKeyPairs",
        include_str!("../fixtures/responses/DeleteUHostKeyPairs.json"),
    );
    let r: ImportUHostKeyPairsResponse = decode(
        "ImportUHostKeyPairs",
        include_str!("../fixtures/responses/ImportUHostKeyPairs.json"),
    );
    assert_eq!(r.key_pair_id, "fAfiTLeG");
    assert_eq!(r.key_pair_finger_print, "dcEwwOjw");
}

#[test]
fn describe_key_pairs_example_is_rejected_for_its_word_time_and_decodes_with_a_number() {
    let page = include_str!("../fixtures/responses/DescribeUHostKeyPairs.json");
    match api_core::envelope::decode::<DescribeUHostKeyPairsResponse>(
        "DescribeUHostKeyPairs",
        page.as_bytes(),
        None,
    ) {
        Err(api_core::Error::Decode { path, .. }) => assert_eq!(&*path, "KeyPairs[0].CreateTime"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    let fixed = page.replace("\"SbXyAFFW\"", "1700000000");
    let r: DescribeUHostKeyPairsResponse = decode("DescribeUHostKeyPairs", &fixed);
    assert_eq!(r.total_count, 9);
    assert_eq!(r.key_pairs[0].key_pair_id, "ZBIzfUoy");
    assert_eq!(r.key_pairs[0].project_id, "KVBmLnkb");
    assert_eq!(r.key_pairs[0].create_time, 1_700_000_000);
}
