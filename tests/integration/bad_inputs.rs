//! The catalogue of bad inputs (`tests/bad_inputs/`): one small file per case, and in
//! `cases.tsv` the command, the exit code and the exact line `stance` must print on stderr.
//! `{dir}` stands for the catalogue's folder and `{tmp}` for a fresh temporary folder.

use std::path::Path;
use std::process::Command;

#[test]
fn every_bad_input_gets_its_exit_code_and_message() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let tmp = tempfile::tempdir().unwrap();
    let fill = |s: &str| {
        s.replace("{dir}", dir.to_str().unwrap())
            .replace("{tmp}", tmp.path().to_str().unwrap())
    };
    let cases = std::fs::read_to_string(dir.join("cases.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in cases.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, exit, args, stderr] = fields[..] else {
            panic!("cases.tsv: bad line {line:?}");
        };
        count += 1;
        let args: Vec<String> = args.split(' ').map(fill).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_stance"))
            .args(&args)
            .output()
            .unwrap();
        let got_stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
        let want_exit: i32 = exit.parse().unwrap();
        if out.status.code() != Some(want_exit) || (want_exit != 0 && got_stderr != fill(stderr)) {
            failures.push(format!(
                "{name}: exit {:?}, stderr {got_stderr:?}\n   expected exit {want_exit}, stderr {:?}",
                out.status.code(),
                fill(stderr)
            ));
        }
    }
    assert!(count >= 18, "{count} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
