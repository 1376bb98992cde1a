"""Python cryptography's strict X.509 verifier (PolicyBuilder, RFC 5280 and CA/B Forum
profiles), as an oracle for hsmctl's certificates.

usage: verify.py server|client ROOTS.pem LEAF.pem [INTERMEDIATES.pem] [DNS-NAME]
Exits 0 when the chain verifies, 1 with the verifier's reason otherwise."""
import datetime
import ipaddress
import sys

from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store


def main():
    kind, roots, leaf = sys.argv[1:4]
    inter = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] != "-" else None
    name = sys.argv[5] if len(sys.argv) > 5 else None
    store = Store(x509.load_pem_x509_certificates(open(roots, "rb").read()))
    leaf_cert = x509.load_pem_x509_certificate(open(leaf, "rb").read())
    untrusted = x509.load_pem_x509_certificates(open(inter, "rb").read()) if inter else []
    builder = PolicyBuilder().store(store).time(datetime.datetime.now(datetime.timezone.utc))
    if kind == "server":
        try:
            subject = x509.IPAddress(ipaddress.ip_address(name))
        except ValueError:
            subject = x509.DNSName(name)
        chain = builder.build_server_verifier(subject).verify(leaf_cert, untrusted)
    else:
        chain = builder.build_client_verifier().verify(leaf_cert, untrusted).chain
    print("OK", len(chain))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the verifier's reason, for the test's message
        print(f"REJECTED: {type(e).__name__}: {e}")
        sys.exit(1)
