//! The ssh-agent protocol messages hsmctl's agent answers (draft-miller-ssh-agent, OpenSSH's
//! PROTOCOL.agent), read and written with ssh-encoding's primitives: the message numbers and
//! field order are the protocol's; every field's encoding is the crate's.
//!
//! ssh-agent-lib has these messages too, but it forces ssh-key's `crypto` feature, which
//! brings back the RustCrypto `rsa` crate that the rest of hsmctl no longer needs (the tests and
//! the benchmark use ssh-agent-lib's client as an independent peer).

use ssh_encoding::{Decode, Encode, Error};
use zeroize::Zeroizing;

/// SSH_AGENT_FAILURE.
const FAILURE: u8 = 5;
/// SSH_AGENT_SUCCESS.
const SUCCESS: u8 = 6;
/// SSH_AGENTC_REQUEST_IDENTITIES.
const REQUEST_IDENTITIES: u8 = 11;
/// SSH_AGENT_IDENTITIES_ANSWER.
const IDENTITIES_ANSWER: u8 = 12;
/// SSH_AGENTC_SIGN_REQUEST.
const SIGN_REQUEST: u8 = 13;
/// SSH_AGENT_SIGN_RESPONSE.
const SIGN_RESPONSE: u8 = 14;
/// SSH_AGENTC_LOCK.
const LOCK: u8 = 22;
/// SSH_AGENTC_UNLOCK.
const UNLOCK: u8 = 23;

/// The sign request flags asking for RSA SHA-2 signatures.
pub const RSA_SHA2_256: u32 = 0x02;
/// See [`RSA_SHA2_256`].
pub const RSA_SHA2_512: u32 = 0x04;

/// A request, as far as the agent looks into it.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// List the identities.
    Identities,
    /// Sign `data` with the key (or certificate) whose wire blob is `key`.
    Sign {
        /// The public key or certificate blob.
        key: Vec<u8>,
        /// What to sign.
        data: Vec<u8>,
        /// SSH_AGENT_RSA_SHA2_* flags.
        flags: u32,
    },
    /// Lock with a passphrase.
    Lock(Zeroizing<String>),
    /// Unlock with the passphrase.
    Unlock(Zeroizing<String>),
    /// Anything else (adding or removing keys, extensions): its message number.
    Other(u8),
}

impl Request {
    /// The request in one message body (the bytes after the length).
    pub fn parse(body: &[u8]) -> Result<Request, Error> {
        let mut r = body;
        Ok(match u8::decode(&mut r)? {
            REQUEST_IDENTITIES => Request::Identities,
            SIGN_REQUEST => Request::Sign {
                key: Vec::decode(&mut r)?,
                data: Vec::decode(&mut r)?,
                flags: u32::decode(&mut r)?,
            },
            LOCK => Request::Lock(Zeroizing::new(String::decode(&mut r)?)),
            UNLOCK => Request::Unlock(Zeroizing::new(String::decode(&mut r)?)),
            other => Request::Other(other),
        })
    }
}

/// A reply.
#[derive(Debug, PartialEq, Eq)]
pub enum Response {
    /// SSH_AGENT_FAILURE.
    Failure,
    /// SSH_AGENT_SUCCESS.
    Success,
    /// The identities: (key or certificate blob, comment).
    Identities(Vec<(Vec<u8>, String)>),
    /// A signature blob (algorithm name, then the signature).
    Signature(Vec<u8>),
}

impl Response {
    /// The whole message: its length, then the body.
    pub fn to_message(&self) -> Result<Vec<u8>, Error> {
        let mut body = Vec::new();
        match self {
            Response::Failure => FAILURE.encode(&mut body)?,
            Response::Success => SUCCESS.encode(&mut body)?,
            Response::Identities(ids) => {
                IDENTITIES_ANSWER.encode(&mut body)?;
                u32::try_from(ids.len())
                    .map_err(|_| Error::Length)?
                    .encode(&mut body)?;
                for (blob, comment) in ids {
                    blob.as_slice().encode(&mut body)?;
                    comment.as_str().encode(&mut body)?;
                }
            }
            Response::Signature(sig) => {
                SIGN_RESPONSE.encode(&mut body)?;
                sig.as_slice().encode(&mut body)?;
            }
        }
        let mut out = Vec::with_capacity(body.len() + 4);
        body.as_slice().encode(&mut out)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse_and_garbage_is_an_error_not_a_panic() {
        let mut sign = vec![SIGN_REQUEST];
        [1u8, 2, 3].as_slice().encode(&mut sign).unwrap();
        b"data".as_slice().encode(&mut sign).unwrap();
        RSA_SHA2_512.encode(&mut sign).unwrap();
        assert_eq!(
            Request::parse(&sign).unwrap(),
            Request::Sign {
                key: vec![1, 2, 3],
                data: b"data".to_vec(),
                flags: 4
            }
        );
        assert_eq!(Request::parse(&[11]).unwrap(), Request::Identities);
        assert_eq!(Request::parse(&[17, 0, 0]).unwrap(), Request::Other(17));
        let mut lock = vec![LOCK];
        "pass".encode(&mut lock).unwrap();
        assert!(matches!(Request::parse(&lock).unwrap(), Request::Lock(p) if p.as_str() == "pass"));
        for bad in [
            &[][..],
            &[13],
            &[13, 0, 0, 0, 9, 1],
            &[22, 0xff, 0xff, 0xff, 0xff],
        ] {
            assert!(Request::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn responses_have_the_protocols_layout() {
        assert_eq!(Response::Failure.to_message().unwrap(), [0, 0, 0, 1, 5]);
        assert_eq!(Response::Success.to_message().unwrap(), [0, 0, 0, 1, 6]);
        let ids = Response::Identities(vec![(vec![9, 9], "k".into())]);
        assert_eq!(
            ids.to_message().unwrap(),
            [
                0, 0, 0, 16, 12, 0, 0, 0, 1, 0, 0, 0, 2, 9, 9, 0, 0, 0, 1, b'k'
            ]
        );
        let sig = Response::Signature(vec![7]);
        assert_eq!(sig.to_message().unwrap(), [0, 0, 0, 6, 14, 0, 0, 0, 1, 7]);
    }
}
