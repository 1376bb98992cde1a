//! TLS with registered servers (rustls on aws-lc-rs, the one crypto backend): fetching the certificate a server presents, and
//! the mutual-TLS check `verify --connect` makes with the client identity.

use crate::exit::{Exit, fail};
use crate::formats::host::Host;
use anyhow::Result;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use std::io::Read;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn server_name(host: &Host) -> Result<ServerName<'static>, String> {
    match host {
        Host::Ip(ip) => Ok(ServerName::IpAddress((*ip).into())),
        Host::Dns(d) => ServerName::try_from(d.clone()).map_err(|e| e.to_string()),
    }
}

fn connect(host: &Host, port: u16, timeout: Duration) -> Result<TcpStream, String> {
    let target = match host {
        Host::Ip(ip) => std::net::SocketAddr::new(*ip, port),
        Host::Dns(d) => (d.as_str(), port)
            .to_socket_addrs()
            .map_err(|e| format!("cannot resolve {d}: {e}"))?
            .next()
            .ok_or_else(|| format!("{d} has no address"))?,
    };
    let s = TcpStream::connect_timeout(&target, timeout)
        .map_err(|e| format!("cannot connect to {target}: {e}"))?;
    s.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    Ok(s)
}

/// How a server's certificate is judged.
#[derive(Debug)]
enum Trust {
    /// Accept whatever the server presents and keep it: used only to show a certificate to a
    /// person, who confirms its fingerprint before anything trusts it.
    Record(Mutex<Vec<Vec<u8>>>),
    /// Trust a certificate that is one of CAFile.pem's, byte for byte (how Luna clients trust
    /// their appliances: a registered self-signed certificate, often CA:TRUE, which WebPKI path
    /// building refuses as an end entity), else one that chains to them (`--chain`).
    Pinned {
        pins: Vec<Vec<u8>>,
        webpki: Arc<rustls::client::WebPkiServerVerifier>,
    },
}

/// The server-certificate check; handshake signatures are always verified.
#[derive(Debug)]
struct Verifier {
    trust: Trust,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match &self.trust {
            Trust::Record(seen) => {
                let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
                seen.push(end_entity.to_vec());
                seen.extend(intermediates.iter().map(|c| c.to_vec()));
                Ok(ServerCertVerified::assertion())
            }
            Trust::Pinned { pins, .. }
                if pins.iter().any(|p| p.as_slice() == end_entity.as_ref()) =>
            {
                Ok(ServerCertVerified::assertion())
            }
            Trust::Pinned { webpki, .. } => webpki
                .verify_server_cert(end_entity, intermediates, name, ocsp, now)
                .map_err(|e| {
                    rustls::Error::General(format!(
                        "the server presented a certificate that is not registered (SHA-256 {}) \
                         and does not chain to CAFile.pem ({e})",
                        crate::formats::sha256_hex(end_entity.as_ref())
                    ))
                }),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The certificates a server presents in its handshake (its own first). Exit 1 when there is
/// no handshake to be had.
pub fn fetch_chain(host: &Host, port: u16, timeout: Duration) -> Result<Vec<Vec<u8>>> {
    let failed = |e: String| fail(Exit::Failed, format!("cannot fetch the certificate: {e}"));
    let provider = provider();
    let recorder = Arc::new(Verifier {
        trust: Trust::Record(Mutex::new(Vec::new())),
        provider: provider.clone(),
    });
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| failed(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let mut sock = connect(host, port, timeout).map_err(failed)?;
    let mut conn = ClientConnection::new(Arc::new(config), server_name(host).map_err(failed)?)
        .map_err(|e| failed(e.to_string()))?;
    // The certificate arrives before the handshake ends; a server that then wants a client
    // certificate may break off, which does not matter here.
    let result = handshake(&mut conn, &mut sock);
    let seen = match &recorder.trust {
        Trust::Record(seen) => std::mem::take(&mut *seen.lock().unwrap_or_else(|p| p.into_inner())),
        Trust::Pinned { .. } => Vec::new(),
    };
    if seen.is_empty() {
        return Err(failed(
            result
                .err()
                .unwrap_or_else(|| "the server presented no certificate".into()),
        ));
    }
    Ok(seen)
}

fn handshake(conn: &mut ClientConnection, sock: &mut TcpStream) -> Result<(), String> {
    while conn.is_handshaking() {
        conn.complete_io(sock).map_err(|e| in_words(&e))?;
    }
    Ok(())
}

/// A TLS failure in words: rustls and webpki errors carry Debug-shaped names
/// (`Other(OtherError(CaUsedAsEndEntity))`) that mean nothing to a person.
fn in_words(e: &dyn std::fmt::Display) -> String {
    let raw = e.to_string();
    const WORDS: &[(&str, &str)] = &[
        (
            "CaUsedAsEndEntity",
            "the server presented a CA certificate (CA:TRUE) as its own certificate",
        ),
        (
            "EndEntityUsedAsCa",
            "an end-entity certificate was used as a CA",
        ),
        (
            "UnknownIssuer",
            "the server's certificate is not signed by a certificate in CAFile.pem",
        ),
        ("Expired", "the server's certificate has expired"),
        ("NotValidYet", "the server's certificate is not valid yet"),
        (
            "NotValidForName",
            "the server's certificate does not name this server",
        ),
        ("BadSignature", "a certificate signature does not verify"),
        ("Revoked", "the server's certificate is revoked"),
        (
            "UnsupportedSignatureAlgorithm",
            "the certificate's signature algorithm is not supported",
        ),
        ("BadEncoding", "the server's certificate is malformed"),
        (
            "CertificateRequired",
            "the server wanted a client certificate and got none",
        ),
        (
            "BadCertificate",
            "the server refused the client certificate",
        ),
        (
            "UnknownCA",
            "the server does not trust the client certificate's issuer",
        ),
        ("HandshakeFailure", "the server broke off the handshake"),
    ];
    for (name, words) in WORDS {
        if raw.contains(name) {
            let kind = if raw.contains("alert") {
                "TLS alert"
            } else {
                "TLS"
            };
            return format!("{words} ({kind} {name})");
        }
    }
    // Anything else: rustls' text without its Debug-shaped tail.
    raw.split(": Other(").next().unwrap_or(&raw).to_string()
}

/// The client identity, offered only when the server asks: records that it asked, so that a
/// server that never requests a client certificate is not reported as a mutual-TLS success.
#[derive(Debug)]
struct ClientIdentity {
    key: Arc<rustls::sign::CertifiedKey>,
    asked: std::sync::atomic::AtomicBool,
}

impl rustls::client::ResolvesClientCert for ClientIdentity {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        self.asked.store(true, std::sync::atomic::Ordering::SeqCst);
        Some(self.key.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// A mutual-TLS handshake as the client identity, trusting only `roots`. Ok(protocol and
/// cipher suite) or Err(the exact failure).
pub fn check_server(
    host: &Host,
    port: u16,
    roots: &[Vec<u8>],
    client_cert: &[u8],
    client_key_pkcs8: &[u8],
    timeout: Duration,
) -> Result<String, String> {
    let mut store = rustls::RootCertStore::empty();
    for r in roots {
        store
            .add(CertificateDer::from(r.clone()))
            .map_err(|e| format!("CAFile.pem holds a certificate rustls cannot use: {e}"))?;
    }
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(client_key_pkcs8.to_vec()));
    let provider = provider();
    let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
        Arc::new(store),
        provider.clone(),
    )
    .build()
    .map_err(|e| e.to_string())?;
    let pinned = Verifier {
        trust: Trust::Pinned {
            pins: roots.to_vec(),
            webpki,
        },
        provider: provider.clone(),
    };
    let signing_key = provider
        .key_provider
        .load_private_key(key)
        .map_err(|e| format!("the client identity cannot be used: {}", in_words(&e)))?;
    let identity = Arc::new(ClientIdentity {
        key: Arc::new(rustls::sign::CertifiedKey::new(
            vec![CertificateDer::from(client_cert.to_vec())],
            signing_key,
        )),
        asked: Default::default(),
    });
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(pinned))
        .with_client_cert_resolver(identity.clone());
    let mut sock = connect(host, port, timeout)?;
    let mut conn =
        ClientConnection::new(Arc::new(config), server_name(host)?).map_err(|e| e.to_string())?;
    handshake(&mut conn, &mut sock)?;
    if !identity.asked.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(
            "the server did not ask for a client certificate: the handshake was not mutual, so \
             the client identity was not checked"
                .into(),
        );
    }
    let what = format!(
        "{}, {}",
        conn.protocol_version()
            .and_then(|v| v.as_str())
            .unwrap_or("TLS"),
        conn.negotiated_cipher_suite()
            .and_then(|s| s.suite().as_str())
            .unwrap_or("unknown cipher suite")
    );
    // With TLS 1.3 the server judges the client certificate after the client's last flight:
    // a refusal arrives as an alert, acceptance as session tickets (or silence).
    sock.set_read_timeout(Some(timeout.min(Duration::from_secs(2))))
        .map_err(|e| e.to_string())?;
    match conn.read_tls(&mut sock) {
        Ok(0) => Err("the server closed the connection after the handshake".into()),
        Ok(_) => {
            let state = conn.process_new_packets().map_err(|e| in_words(&e))?;
            if state.peer_has_closed() {
                // A clean close_notify, not an alert: the server took the client certificate.
                return Ok(what);
            }
            // Drain application data, if any; tickets alone also mean acceptance.
            let mut buf = [0u8; 512];
            let _ = conn.reader().read(&mut buf);
            Ok(what)
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            Ok(what)
        }
        Err(e) => Err(e.to_string()),
    }
}
