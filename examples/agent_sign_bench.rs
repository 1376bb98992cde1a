//! Agent signing latency: N sign requests on one connection to SSH_AUTH_SOCK for its first
//! identity (or the one whose comment is argv[2]); prints the mean and median per signature.
//! Used by bench/agent.sh; usage: agent_sign_bench N [COMMENT]

use ssh_agent_lib::blocking::Client;
use ssh_agent_lib::proto::SignRequest;
use std::os::unix::net::UnixStream;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let comment = args.next();
    let sock = std::env::var("SSH_AUTH_SOCK").expect("SSH_AUTH_SOCK");
    let mut client = Client::new(UnixStream::connect(sock).expect("connect to the agent"));
    let ids = client.request_identities().expect("identities");
    let id = ids
        .iter()
        .find(|i| comment.as_ref().is_none_or(|c| &i.comment == c))
        .expect("no such identity");
    let data = vec![0x5a_u8; 128]; // about what an SSH userauth request signs
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        client
            .sign(SignRequest {
                credential: id.credential.clone(),
                data: data.clone(),
                flags: 4,
            })
            .expect("sign");
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let mean = times.iter().sum::<f64>() / n as f64;
    println!(
        "{} {n} signatures: mean {mean:.4} ms, median {:.4} ms",
        id.comment,
        times[n / 2]
    );
}
