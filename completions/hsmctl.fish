# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hsmctl_global_optspecs
    string join \n module= insecure-module home= v/verbose lock-timeout= h/help V/version
end

function __fish_hsmctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hsmctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hsmctl_using_subcommand
    set -l cmd (__fish_hsmctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hsmctl -n "__fish_hsmctl_needs_command" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_needs_command" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_needs_command" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_needs_command" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "slots" -d 'List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "partitions" -d 'List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "slot" -d 'One slot or partition in detail'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "partition" -d 'One slot or partition in detail'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "info" -d 'The module\'s own information (C_GetInfo) and where it was loaded from'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "token" -d 'Initialize tokens and manage their PINs'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "generatekeypair" -d 'Generate a key pair on the token (RSA, EC, Ed25519), sensitive and non-extractable'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "keygen" -d 'Generate a key pair on the token (RSA, EC, Ed25519), sensitive and non-extractable'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "generatekey" -d 'Generate a secret key on the token (AES, generic), sensitive and non-extractable'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "import-key" -d 'Import a private key file (PKCS#8, PKCS#1, SEC1, PKCS#12, OpenSSH) as a token key pair'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "sign" -d 'Sign a file with a token key (RSA PKCS#1 v1.5 or PSS, ECDSA, Ed25519), as openssl dgst -sign'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "verify-signature" -d 'Verify a signature with a token key or a public key file (exit 0 good, 1 bad)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "test-key" -d 'Self-check keys inside the token: sign and verify (or encrypt and decrypt), pair match'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "random" -d 'Random bytes from the token\'s generator (C_GenerateRandom)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "list" -d 'List objects: class, key type and size, label, id, usage, pairing, pkcs11: URI'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "objects" -d 'List objects: class, key type and size, label, id, usage, pairing, pkcs11: URI'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "show" -d 'Every readable attribute of one object, decoded by name'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "getattribute" -d 'Every readable attribute of one object, decoded by name'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "setattribute" -d 'Change an object\'s label, id or boolean attributes (never weakening a key)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "delete" -d 'Delete objects (with --pair, both halves of a key pair)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "export-ssh-pubkey" -d 'OpenSSH authorized_keys lines for token keys (RSA, ECDSA, Ed25519), like ssh-keygen -D'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "export-pubkey" -d 'One token public key as SPKI PEM/DER, PKCS#1 or OpenSSH'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "convert-pubkey" -d 'Convert a public key file between OpenSSH, SPKI (PEM/DER) and PKCS#1 (detects the input)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "sign-ssh-cert" -d 'Sign OpenSSH user or host certificates with a CA key on the token, one or many'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "agent" -d 'An ssh-agent offering only the token keys named, with their certificates'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "request-cert" -d 'A PKCS#10 certificate request signed inside the token by the selected key'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "requestcertificate" -d 'A PKCS#10 certificate request signed inside the token by the selected key'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "selfsign-cert" -d 'A self-signed X.509 certificate for a token key (optionally stored on the token)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "selfsigncertificate" -d 'A self-signed X.509 certificate for a token key (optionally stored on the token)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "sign-csr" -d 'Issue X.509 certificates for PKCS#10 requests, signed inside the token by a CA key'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "issue-cert" -d 'Issue X.509 certificates for PKCS#10 requests, signed inside the token by a CA key'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "import-cert" -d 'Store a certificate on the token beside its key (same CKA_ID), PEM or DER'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "export-cert" -d 'Write a certificate object from the token as PEM or DER'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "doctor" -d 'Check that keys and certificates pair up by CKA_ID and really match; --fix repairs ids'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "addserver" -d 'Register a server\'s certificate (cert/server/<name>Cert.pem and CAFile.pem), like vtl addServer'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "addServer" -d 'Register a server\'s certificate (cert/server/<name>Cert.pem and CAFile.pem), like vtl addServer'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "deleteserver" -d 'Remove a registered server and its certificate from the bundle'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "deleteServer" -d 'Remove a registered server and its certificate from the bundle'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "listservers" -d 'The registered servers'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "listServers" -d 'The registered servers'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "createcert" -d 'Create the client\'s key and self-signed certificate (cert/client/<name>Key.pem, <name>.pem)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "createCert" -d 'Create the client\'s key and self-signed certificate (cert/client/<name>Key.pem, <name>.pem)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "verify" -d 'The slots the module shows, and a health check of the client directory (--connect: TLS)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "htl" -d 'Host Trust Link one-time tokens'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "client-key" -d 'The client identity\'s key: show, roll, backup, restore'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l wide -d 'Show every value whole (URIs, flags), even on a narrow terminal'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l wide -d 'Show every value whole (URIs, flags), even on a narrow terminal'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l mechanisms -d 'Also list every mechanism with its key-size range and flags'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l wide -d 'Show every value whole (the URI), even on a narrow terminal'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l mechanisms -d 'Also list every mechanism with its key-size range and flags'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l wide -d 'Show every value whole (the URI), even on a narrow terminal'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -f -a "init" -d 'Initialize a token: set its label and SO PIN (C_InitToken), then the user PIN (C_InitPIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -f -a "set-pin" -d 'Change the user PIN (or with --so, the SO PIN), logging in with the current one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -f -a "init-pin" -d 'As security officer, set a new user PIN (unlocks a locked user PIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l label -d 'The new token label (at most 32 bytes of UTF-8)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l so-pin-file -d 'Read the SO PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l so-pin-env -d 'Read the SO PIN from the environment variable VAR [default variable: HSMCTL_SO_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l so-pin-fd -d 'Read the SO PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l force -d 'Erase a token that is already initialized, with every object on it'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l so-pin-file -d 'Read the SO PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l so-pin-env -d 'Read the SO PIN from the environment variable VAR [default variable: HSMCTL_SO_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l so-pin-fd -d 'Read the SO PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l new-pin-file -d 'Read the new PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l new-pin-env -d 'Read the new PIN from the environment variable VAR [default variable: HSMCTL_NEW_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l new-pin-fd -d 'Read the new PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l so -d 'Change the security officer\'s PIN instead of the user\'s'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l so-pin-file -d 'Read the SO PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l so-pin-env -d 'Read the SO PIN from the environment variable VAR [default variable: HSMCTL_SO_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l so-pin-fd -d 'Read the SO PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "init" -d 'Initialize a token: set its label and SO PIN (C_InitToken), then the user PIN (C_InitPIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "set-pin" -d 'Change the user PIN (or with --so, the SO PIN), logging in with the current one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "init-pin" -d 'As security officer, set a new user PIN (unlocks a locked user PIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l key-type -d 'rsa:BITS, ec:p256, ec:p384, ec:p521 or ed25519 (also EC:prime256v1, secp384r1, edwards25519)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l public-exponent -d 'RSA public exponent, decimal or 0x-hex [default: 65537]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l mechanism -d 'RSA generation mechanism [default: pkcs]' -r -f -a "pkcs\t'CKM_RSA_PKCS_KEY_PAIR_GEN'
x9.31\t'CKM_RSA_X9_31_KEY_PAIR_GEN'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l label -d 'CKA_LABEL of both halves' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l label-public -d 'CKA_LABEL of the public key (with --label-private)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l label-private -d 'CKA_LABEL of the private key (with --label-public)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l id -d 'CKA_ID of both halves, hex [default: 16 random bytes from the token]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l sign -d 'CKA_SIGN on the private or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l verify -d 'CKA_VERIFY on the public or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l encrypt -d 'CKA_ENCRYPT on the public key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l decrypt -d 'CKA_DECRYPT on the private key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l derive -d 'CKA_DERIVE on the private key (EC: ECDH) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l wrap -d 'CKA_WRAP on the public key (RSA) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l unwrap -d 'CKA_UNWRAP on the private key (RSA) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l modifiable -d 'CKA_MODIFIABLE of both halves (false: not even the label can change later)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l extractable -d 'Make the private key extractable (wrappable off the token); needs --allow-extractable' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l count -d 'Generate N pairs in one session, labelled LABEL-0001 ... (with random ids; needs --label)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l allow-extractable -d 'Confirm that an extractable private key is intended'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l allow-weak -d 'Allow RSA keys shorter than 2048 bits (down to 512)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l allow-duplicate -d 'Allow a CKA_ID or label that objects on the token already use'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekeypair" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l key-type -d 'rsa:BITS, ec:p256, ec:p384, ec:p521 or ed25519 (also EC:prime256v1, secp384r1, edwards25519)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l public-exponent -d 'RSA public exponent, decimal or 0x-hex [default: 65537]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l mechanism -d 'RSA generation mechanism [default: pkcs]' -r -f -a "pkcs\t'CKM_RSA_PKCS_KEY_PAIR_GEN'
x9.31\t'CKM_RSA_X9_31_KEY_PAIR_GEN'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l label -d 'CKA_LABEL of both halves' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l label-public -d 'CKA_LABEL of the public key (with --label-private)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l label-private -d 'CKA_LABEL of the private key (with --label-public)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l id -d 'CKA_ID of both halves, hex [default: 16 random bytes from the token]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l sign -d 'CKA_SIGN on the private or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l verify -d 'CKA_VERIFY on the public or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l encrypt -d 'CKA_ENCRYPT on the public key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l decrypt -d 'CKA_DECRYPT on the private key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l derive -d 'CKA_DERIVE on the private key (EC: ECDH) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l wrap -d 'CKA_WRAP on the public key (RSA) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l unwrap -d 'CKA_UNWRAP on the private key (RSA) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l modifiable -d 'CKA_MODIFIABLE of both halves (false: not even the label can change later)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l extractable -d 'Make the private key extractable (wrappable off the token); needs --allow-extractable' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l count -d 'Generate N pairs in one session, labelled LABEL-0001 ... (with random ids; needs --label)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l allow-extractable -d 'Confirm that an extractable private key is intended'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l allow-weak -d 'Allow RSA keys shorter than 2048 bits (down to 512)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l allow-duplicate -d 'Allow a CKA_ID or label that objects on the token already use'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l key-type -d 'aes:128, aes:192, aes:256, or generic:BITS (an HMAC key of 80 to 4096 bits, a multiple of 8)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l label -d 'CKA_LABEL of the key' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l id -d 'CKA_ID, hex [default: 16 random bytes from the token]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l sign -d 'CKA_SIGN on the private or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l verify -d 'CKA_VERIFY on the public or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l encrypt -d 'CKA_ENCRYPT on the public key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l decrypt -d 'CKA_DECRYPT on the private key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l derive -d 'CKA_DERIVE on the private key (EC: ECDH) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l wrap -d 'CKA_WRAP on the public key (RSA) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l unwrap -d 'CKA_UNWRAP on the private key (RSA) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l modifiable -d 'CKA_MODIFIABLE (false: not even the label can change later)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l extractable -d 'Make the key extractable (wrappable off the token); needs --allow-extractable' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l allow-extractable -d 'Confirm that an extractable key is intended'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l allow-duplicate -d 'Allow a CKA_ID or label that objects on the token already use'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand generatekey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l label -d 'CKA_LABEL of both halves' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l id -d 'CKA_ID of both halves, hex [default: SHA-1 of CKA_MODULUS (RSA) or CKA_EC_POINT (EC, Ed25519), as Mastercard\'s pkcs11-tools set it, so Java keystores pair the halves]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l sign -d 'CKA_SIGN on the private or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l verify -d 'CKA_VERIFY on the public or secret key [default: true; AES keys: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l encrypt -d 'CKA_ENCRYPT on the public key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l decrypt -d 'CKA_DECRYPT on the private key (RSA) or the AES key [default: false; AES keys: true]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l derive -d 'CKA_DERIVE on the private key (EC: ECDH) or the secret key [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l wrapping -d 'CKA_WRAP on the public key and CKA_UNWRAP on the private key (RSA) [default: false]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l modifiable -d 'CKA_MODIFIABLE of both halves' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l passphrase-file -d 'Read the passphrase from the first line of FILE (not group/world-readable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l passphrase-env -d 'Read the passphrase from environment variable VAR' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l passphrase-fd -d 'Read the passphrase from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l unwrap -d 'Store the private key with C_UnwrapKey under a session-only AES key (RFC 5649) instead of C_CreateObject; done anyway when the module refuses plaintext private keys'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l shred -d 'After a successful import, overwrite and remove the key file (asks on a terminal)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -s y -l yes -d 'Do not ask before --shred (required when stdin is not a terminal)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l allow-duplicate -d 'Allow a CKA_ID or label that objects on the token already use'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l digest -d 'The digest [default: RSA sha256; ECDSA the curve\'s: P-256 sha256, P-384 sha384, P-521 sha512]; Ed25519 signs the message itself' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l pss -d 'RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l raw -d 'ECDSA signatures as r || s (as PKCS#11 and JOSE use them) instead of DER'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l signature -d 'The signature file (binary, as `sign` and `openssl dgst -sign` write it)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l pubkey -d 'Verify with this public key file (OpenSSH, SPKI PEM/DER, PKCS#1) instead of a token key' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l digest -d 'The digest [default: RSA sha256; ECDSA the curve\'s: P-256 sha256, P-384 sha384, P-521 sha512]; Ed25519 signs the message itself' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l pss -d 'RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l raw -d 'ECDSA signatures as r || s (as PKCS#11 and JOSE use them) instead of DER'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify-signature" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand test-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l hex -d 'Print lowercase hex (and a newline) instead of raw bytes'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l base64 -d 'Print base64 (and a newline) instead of raw bytes'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand random" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l key-type -d 'Only keys of this type, in keygen\'s words: rsa, rsa:2048, ec, ec:p256, ec:p384, ec:p521, ed25519, and generatekey\'s: aes, aes:256, generic, generic:256' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l wide -d 'Show every column (URIs too) and every value whole, even on a narrow terminal'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l key-type -d 'Only keys of this type, in keygen\'s words: rsa, rsa:2048, ec, ec:p256, ec:p384, ec:p521, ed25519, and generatekey\'s: aes, aes:256, generic, generic:256' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l wide -d 'Show every column (URIs too) and every value whole, even on a narrow terminal'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand objects" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand getattribute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l set -d 'NAME=VALUE to set: label=TEXT, id=HEX, or a boolean (sign, verify, encrypt, decrypt, wrap, unwrap, derive, sign_recover, verify_recover, sensitive, extractable, private, copyable, destroyable); repeatable. CKA_MODIFIABLE is fixed at creation (--modifiable on keygen)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l pair -d 'Apply to both halves of the selected key pair (each attribute where it applies)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand setattribute" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l pair -d 'Also delete the other half of each selected key (same CKA_ID)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l all-matching -d 'Delete every object the selector matches (otherwise more than one is refused)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l comment -d 'The comment of each line (default: the key\'s CKA_LABEL)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l options -d 'authorized_keys options to put before each line, as \'from="10.0.0.0/8",no-pty\'' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l fingerprint -d 'Print fingerprints (as ssh-keygen -l) instead of keys'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-ssh-pubkey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l format -d 'The format to write' -r -f -a "openssh\t'OpenSSH public key line'
pem\t'SubjectPublicKeyInfo, PEM ("PUBLIC KEY")'
der\t'SubjectPublicKeyInfo, DER'
pkcs1\t'PKCS#1 RSAPublicKey, PEM ("RSA PUBLIC KEY")'
pkcs1-der\t'PKCS#1 RSAPublicKey, DER'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l output -d 'The older spelling of --json (--output json)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l fingerprint -d 'Print the SHA-256 fingerprint of the SubjectPublicKeyInfo (and the OpenSSH one) instead'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l json -d 'Print one JSON document instead of text'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-pubkey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l format -d 'The format to write' -r -f -a "openssh\t'OpenSSH public key line'
pem\t'SubjectPublicKeyInfo, PEM ("PUBLIC KEY")'
der\t'SubjectPublicKeyInfo, DER'
pkcs1\t'PKCS#1 RSAPublicKey, PEM ("RSA PUBLIC KEY")'
pkcs1-der\t'PKCS#1 RSAPublicKey, DER'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l comment -d 'The comment of an OpenSSH output (default: the input\'s comment)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l output -d 'The older spelling of --json (--output json)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l json -d 'Print one JSON document instead of text'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand convert-pubkey" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l ca-label -d 'The CA key by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l ca-id -d 'The CA key by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l ca-uri -d 'The CA key by pkcs11: URI (may also name the token)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l ca-pubkey -d 'The CA key by its public key file, the ssh-keygen -s way' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s I -l key-id -d 'Key identity recorded in the certificate and in sshd\'s logs (ssh-keygen -I)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s n -l principals -d 'Principals (user or host names), comma-separated (ssh-keygen -n)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s V -l validity -d 'Validity, as ssh-keygen -V: +52w, -1d:+1w, YYYYMMDD[HHMM[SS]][Z]:..., always:forever' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s z -l cert-serial -d 'Serial number of the first certificate; the next ones count up (ssh-keygen -z)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s O -l option -d 'Certificate option, as ssh-keygen -O (force-command=, source-address=, no-pty, permit-*, clear, critical:NAME[=V], extension:NAME[=V]); repeatable' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s o -l out -d 'Write the certificate to FILE (one input key only) instead of KEY-cert.pub' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l jobs -d 'Signing threads, each with its own session (1-256) [default: the number of cores]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l host -d 'Sign host certificates instead of user certificates (ssh-keygen -h)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l allow-any-principal -d 'Allow a certificate with no principals (valid for every user or host)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l allow-forever -d 'Allow a certificate that never expires (no -V, or an end of "forever")'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l force -d 'Replace existing certificate files'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-ssh-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l label -d 'Offer the key pair with this CKA_LABEL (repeatable; keys are offered in the order given)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l id -d 'Offer the key pair with this CKA_ID, in hex (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l uri -d 'Offer the key a pkcs11: URI names (repeatable; its token attributes select the token)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l cert -d 'Also offer this OpenSSH certificate (a -cert.pub file) with the offered key it certifies (repeatable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s a -l socket -d 'Listen on this socket path (default: agent.PID in a new private directory under TMPDIR)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s t -l lifetime -d 'End the agent after this long: seconds, or numbers with s, m, h, d or w (90m, 1h30m, 8h)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l token-certs -d 'Also offer the OpenSSH certificates stored on the token for the offered keys: data objects holding a -cert.pub line (`pkcs11-tool --write-object FILE --type data` stores one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s D -l foreground -d 'Stay in the foreground, logging to stderr (default: fork into the background)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s c -l csh -d 'Print C-shell commands (setenv) instead of Bourne shell ones'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s s -l sh -d 'Print Bourne shell commands (the default unless SHELL ends in csh)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s k -l kill -d 'Stop the agent named by SSH_AGENT_PID, and print the commands that unset its variables'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l confirm -d 'Ask through SSH_ASKPASS before each signature (with no askpass program, every signature is refused)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l json -d 'Write the log lines, and the start-up line on stdout, as JSON objects (one per line)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l launched -d 'Set in the background copy the launcher starts: the PIN comes on stdin, "ready" goes to stdout'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand agent" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l subject -d 'The subject, as \'CN=web1,O=Corp,C=FI\' (or OpenSSL\'s \'/CN=web1/O=Corp\')' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l cn -d 'Subject common name (CN)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l o -d 'Subject organization (O)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l ou -d 'Subject organizational unit (OU)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l c -d 'Subject country, two letters (C)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l st -d 'Subject state or province (ST)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l l -d 'Subject locality (L)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l email -d 'Subject emailAddress' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l dns -d 'DNS name SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l ip -d 'IP address SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l email-san -d 'Email SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l uri-san -d 'URI SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l digest -d 'The digest of an RSA signature (ECDSA keys use their curve\'s SHA-2: P-521 uses SHA-512)' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l pss -d 'Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand request-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l subject -d 'The subject, as \'CN=web1,O=Corp,C=FI\' (or OpenSSL\'s \'/CN=web1/O=Corp\')' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l cn -d 'Subject common name (CN)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l o -d 'Subject organization (O)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l ou -d 'Subject organizational unit (OU)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l c -d 'Subject country, two letters (C)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l st -d 'Subject state or province (ST)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l l -d 'Subject locality (L)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l email -d 'Subject emailAddress' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l dns -d 'DNS name SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l ip -d 'IP address SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l email-san -d 'Email SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l uri-san -d 'URI SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l digest -d 'The digest of an RSA signature (ECDSA keys use their curve\'s SHA-2: P-521 uses SHA-512)' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l pss -d 'Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand requestcertificate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l subject -d 'The subject, as \'CN=web1,O=Corp,C=FI\' (or OpenSSL\'s \'/CN=web1/O=Corp\')' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l cn -d 'Subject common name (CN)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l o -d 'Subject organization (O)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l ou -d 'Subject organizational unit (OU)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l c -d 'Subject country, two letters (C)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l st -d 'Subject state or province (ST)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l l -d 'Subject locality (L)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l email -d 'Subject emailAddress' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l dns -d 'DNS name SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l ip -d 'IP address SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l email-san -d 'Email SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l uri-san -d 'URI SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l digest -d 'The digest of an RSA signature (ECDSA keys use their curve\'s SHA-2: P-521 uses SHA-512)' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l not-before -d 'Start of validity, YYYYMMDD or YYYY-MM-DD (UTC) [default: now]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l not-after -d 'End of validity, YYYYMMDD or YYYY-MM-DD (UTC) (instead of --days)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l days -d 'Days of validity from --not-before (1-36500)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l serial-number -d 'Serial number, hex [default: 16 random bytes]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l store-label -d 'Store the certificate on the token under this label (implies --store)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l pss -d 'Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l ca -d 'A CA certificate (basicConstraints CA:TRUE, keyCertSign and cRLSign)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l store -d 'Also store the certificate on the token (CKO_CERTIFICATE with the key\'s CKA_ID and label)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsign-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l subject -d 'The subject, as \'CN=web1,O=Corp,C=FI\' (or OpenSSL\'s \'/CN=web1/O=Corp\')' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l cn -d 'Subject common name (CN)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l o -d 'Subject organization (O)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l ou -d 'Subject organizational unit (OU)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l c -d 'Subject country, two letters (C)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l st -d 'Subject state or province (ST)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l l -d 'Subject locality (L)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l email -d 'Subject emailAddress' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l dns -d 'DNS name SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l ip -d 'IP address SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l email-san -d 'Email SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l uri-san -d 'URI SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l digest -d 'The digest of an RSA signature (ECDSA keys use their curve\'s SHA-2: P-521 uses SHA-512)' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l not-before -d 'Start of validity, YYYYMMDD or YYYY-MM-DD (UTC) [default: now]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l not-after -d 'End of validity, YYYYMMDD or YYYY-MM-DD (UTC) (instead of --days)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l days -d 'Days of validity from --not-before (1-36500)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l serial-number -d 'Serial number, hex [default: 16 random bytes]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l store-label -d 'Store the certificate on the token under this label (implies --store)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l pss -d 'Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l ca -d 'A CA certificate (basicConstraints CA:TRUE, keyCertSign and cRLSign)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l store -d 'Also store the certificate on the token (CKO_CERTIFICATE with the key\'s CKA_ID and label)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand selfsigncertificate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ca-label -d 'The CA key by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ca-id -d 'The CA key by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ca-uri -d 'The CA key by pkcs11: URI (may also name the token)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ca-cert -d 'The CA certificate (PEM or DER) [default: the certificate object with the CA key\'s CKA_ID]' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l profile -d 'What the certificates are for: key usage, extended key usage, basicConstraints' -r -f -a "server\t'A TLS server: CA:FALSE, digitalSignature (and keyEncipherment for RSA), serverAuth'
client\t'A TLS client: CA:FALSE, digitalSignature (and keyEncipherment for RSA), clientAuth'
ca\t'A CA (an intermediate): CA:TRUE with --path-len, keyCertSign, cRLSign, digitalSignature'
none\t'Only CA:FALSE and the key identifiers; usages from --key-usage, --ext-key-usage or --copy-extensions'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l path-len -d 'pathLenConstraint of a CA certificate (--profile ca) [default: none]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l subject -d 'The subject, as \'CN=web1,O=Corp,C=FI\' (or OpenSSL\'s \'/CN=web1/O=Corp\')' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l cn -d 'Subject common name (CN)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l o -d 'Subject organization (O)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ou -d 'Subject organizational unit (OU)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l c -d 'Subject country, two letters (C)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l st -d 'Subject state or province (ST)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l l -d 'Subject locality (L)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l email -d 'Subject emailAddress' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l dns -d 'DNS name SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ip -d 'IP address SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l email-san -d 'Email SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l uri-san -d 'URI SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l digest -d 'The digest of an RSA signature (ECDSA keys use their curve\'s SHA-2: P-521 uses SHA-512)' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l not-before -d 'Start of validity, YYYYMMDD or YYYY-MM-DD (UTC) [default: now]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l not-after -d 'End of validity, YYYYMMDD or YYYY-MM-DD (UTC) (instead of --days)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l days -d 'Days of validity from --not-before (1-36500) [default: 365, or up to the CA certificate\'s end when that comes sooner]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l serial-number -d 'Serial number, hex (one request only) [default: 16 random bytes, positive]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -s o -l out -d 'Write the certificate to FILE, or - for stdout (one request only)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l copy-extensions -d 'Also copy the extensions the request asks for (those the profile does not set), as openssl\'s copy_extensions = copy'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l pss -d 'Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l allow-beyond-ca -d 'Allow a certificate that ends after the CA certificate does'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l allow-weak -d 'Sign requests for RSA keys shorter than 2048 bits'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l force -d 'Replace existing certificate files'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand sign-csr" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ca-label -d 'The CA key by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ca-id -d 'The CA key by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ca-uri -d 'The CA key by pkcs11: URI (may also name the token)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ca-cert -d 'The CA certificate (PEM or DER) [default: the certificate object with the CA key\'s CKA_ID]' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l profile -d 'What the certificates are for: key usage, extended key usage, basicConstraints' -r -f -a "server\t'A TLS server: CA:FALSE, digitalSignature (and keyEncipherment for RSA), serverAuth'
client\t'A TLS client: CA:FALSE, digitalSignature (and keyEncipherment for RSA), clientAuth'
ca\t'A CA (an intermediate): CA:TRUE with --path-len, keyCertSign, cRLSign, digitalSignature'
none\t'Only CA:FALSE and the key identifiers; usages from --key-usage, --ext-key-usage or --copy-extensions'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l path-len -d 'pathLenConstraint of a CA certificate (--profile ca) [default: none]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l subject -d 'The subject, as \'CN=web1,O=Corp,C=FI\' (or OpenSSL\'s \'/CN=web1/O=Corp\')' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l cn -d 'Subject common name (CN)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l o -d 'Subject organization (O)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ou -d 'Subject organizational unit (OU)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l c -d 'Subject country, two letters (C)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l st -d 'Subject state or province (ST)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l l -d 'Subject locality (L)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l email -d 'Subject emailAddress' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l dns -d 'DNS name SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ip -d 'IP address SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l email-san -d 'Email SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l uri-san -d 'URI SAN (repeatable)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l key-usage -d 'Key usages, comma-separated (digitalSignature, keyEncipherment, keyCertSign, cRLSign, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l ext-key-usage -d 'Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, ...)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l digest -d 'The digest of an RSA signature (ECDSA keys use their curve\'s SHA-2: P-521 uses SHA-512)' -r -f -a "sha256\t'SHA-256'
sha384\t'SHA-384'
sha512\t'SHA-512'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l not-before -d 'Start of validity, YYYYMMDD or YYYY-MM-DD (UTC) [default: now]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l not-after -d 'End of validity, YYYYMMDD or YYYY-MM-DD (UTC) (instead of --days)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l days -d 'Days of validity from --not-before (1-36500) [default: 365, or up to the CA certificate\'s end when that comes sooner]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l serial-number -d 'Serial number, hex (one request only) [default: 16 random bytes, positive]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -s o -l out -d 'Write the certificate to FILE, or - for stdout (one request only)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l copy-extensions -d 'Also copy the extensions the request asks for (those the profile does not set), as openssl\'s copy_extensions = copy'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l pss -d 'Sign RSA keys with RSASSA-PSS (MGF1 with the same digest, salt as long as the digest) instead of PKCS#1 v1.5'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l allow-beyond-ca -d 'Allow a certificate that ends after the CA certificate does'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l allow-weak -d 'Sign requests for RSA keys shorter than 2048 bits'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l force -d 'Replace existing certificate files'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand issue-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l label -d 'CKA_LABEL of the certificate object [default: the matching key\'s label]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l id -d 'CKA_ID for an orphan certificate, hex [default: 16 random bytes]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l allow-orphan -d 'Store it even if its public key matches no key on the token'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand import-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l label -d 'Select objects by CKA_LABEL' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l id -d 'Select objects by CKA_ID (hex)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l class -d 'Select objects of one class' -r -f -a "private\t'CKO_PRIVATE_KEY'
public\t'CKO_PUBLIC_KEY'
cert\t'CKO_CERTIFICATE'
secret-key\t'CKO_SECRET_KEY'
data\t'CKO_DATA'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l handle -d 'Select one object by handle (handles are valid for one session; prefer labels, ids, URIs)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -s o -l out -d 'Write to FILE (atomically) instead of stdout' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l der -d 'Write DER instead of PEM'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l force -d 'Replace an existing --out file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l login -d 'Log in, so that private objects are seen too (implied by any PIN source)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand export-cert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l pin-file -d 'Read the user PIN from the first line of FILE (mode 600, not a symlink)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l pin-env -d 'Read the user PIN from the environment variable VAR [default variable: HSMCTL_PIN]' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l pin-fd -d 'Read the user PIN from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l fix -d 'Repair CKA_IDs where the right one is unambiguous'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -s y -l yes -d 'Do not ask before repairing (required when stdin is not a terminal)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -s n -l name -d 'The server\'s host name or IP address, kept as typed (another letter case or IPv6 spelling of a registered server is the same server)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -s c -l cert -d 'The server certificate: PEM or DER, one certificate (`-` reads stdin)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l fetch -d 'Fetch the certificate from a TLS handshake with HOST:PORT instead; shows its SHA-256 fingerprint and subject and registers it after confirmation (or --yes)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -s p -l port -d 'The server\'s NTLS port (1-65535)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l htl -d 'The server requires a Host Trust Link one-time token (see `htl install`)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l chain -d 'The file holds a chain: the server certificate first, then its issuers (all go into the bundle)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l force -d 'Replace the certificate of a server registered with another one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l repair -d 'Rewrite a damaged CAFile.pem, keeping its intact certificates and dropping the rest'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l allow-expired -d 'Accept a certificate that has expired or is not yet valid'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l allow-ca -d 'Accept a CA certificate (basicConstraints CA:TRUE) as the server certificate'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l strict-names -d 'Refuse a certificate whose subject CN and SANs do not name the server (by default it is registered with a warning: the link trusts the pinned certificate, not its name)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l allow-name-mismatch -d 'Accepted for older scripts: a name mismatch is now a warning unless --strict-names'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -s y -l yes -d 'Register a fetched certificate without asking'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addserver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -s n -l name -d 'The server\'s host name or IP address, kept as typed (another letter case or IPv6 spelling of a registered server is the same server)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -s c -l cert -d 'The server certificate: PEM or DER, one certificate (`-` reads stdin)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l fetch -d 'Fetch the certificate from a TLS handshake with HOST:PORT instead; shows its SHA-256 fingerprint and subject and registers it after confirmation (or --yes)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -s p -l port -d 'The server\'s NTLS port (1-65535)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l htl -d 'The server requires a Host Trust Link one-time token (see `htl install`)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l chain -d 'The file holds a chain: the server certificate first, then its issuers (all go into the bundle)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l force -d 'Replace the certificate of a server registered with another one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l repair -d 'Rewrite a damaged CAFile.pem, keeping its intact certificates and dropping the rest'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l allow-expired -d 'Accept a certificate that has expired or is not yet valid'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l allow-ca -d 'Accept a CA certificate (basicConstraints CA:TRUE) as the server certificate'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l strict-names -d 'Refuse a certificate whose subject CN and SANs do not name the server (by default it is registered with a warning: the link trusts the pinned certificate, not its name)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l allow-name-mismatch -d 'Accepted for older scripts: a name mismatch is now a warning unless --strict-names'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -s y -l yes -d 'Register a fetched certificate without asking'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand addServer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -s n -l name -d 'The server\'s host name or IP address, in any form addserver accepts' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteserver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -s n -l name -d 'The server\'s host name or IP address, in any form addserver accepts' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand deleteServer" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listservers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand listServers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -s n -l name -d 'The client\'s name: its host name (exactly, letter case included, as the appliance will register it) or IP address' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l key-type -d 'The client key\'s type' -r -f -a "rsa:2048\t'RSA 2048 (what Luna clients make)'
rsa:3072\t'RSA 3072'
rsa:4096\t'RSA 4096'
ec:p256\t'ECDSA P-256'
ec:p384\t'ECDSA P-384'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l days -d 'Validity of the self-signed certificate, in days' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l pkcs12 -d 'Write the client key, its certificate and any --chain into FILE as PKCS#12 (mode 0600; PBES2 with PBKDF2-SHA-256 and AES-256-CBC, HMAC-SHA-256 MAC), under a passphrase from --passphrase-file, --passphrase-env, HSMCTL_PKCS12_PASSPHRASE or a prompt' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l chain -d 'Issuer certificates (PEM) to put into the PKCS#12 file after the client certificate' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l passphrase-file -d 'Read the passphrase from the first line of FILE (not group/world-readable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l passphrase-env -d 'Read the passphrase from environment variable VAR' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l passphrase-fd -d 'Read the passphrase from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l force -d 'Replace an existing client key and certificate of that name (and the --pkcs12 file)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createcert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -s n -l name -d 'The client\'s name: its host name (exactly, letter case included, as the appliance will register it) or IP address' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l key-type -d 'The client key\'s type' -r -f -a "rsa:2048\t'RSA 2048 (what Luna clients make)'
rsa:3072\t'RSA 3072'
rsa:4096\t'RSA 4096'
ec:p256\t'ECDSA P-256'
ec:p384\t'ECDSA P-384'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l days -d 'Validity of the self-signed certificate, in days' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l pkcs12 -d 'Write the client key, its certificate and any --chain into FILE as PKCS#12 (mode 0600; PBES2 with PBKDF2-SHA-256 and AES-256-CBC, HMAC-SHA-256 MAC), under a passphrase from --passphrase-file, --passphrase-env, HSMCTL_PKCS12_PASSPHRASE or a prompt' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l chain -d 'Issuer certificates (PEM) to put into the PKCS#12 file after the client certificate' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l passphrase-file -d 'Read the passphrase from the first line of FILE (not group/world-readable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l passphrase-env -d 'Read the passphrase from environment variable VAR' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l passphrase-fd -d 'Read the passphrase from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l chrystoki-conf -d 'Also maintain the `LunaSA Client` section of this Chrystoki.conf (else the directory in ChrystokiConfigurationPath, else `chrystoki_conf` in hsmctl.toml)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l force -d 'Replace an existing client key and certificate of that name (and the --pkcs12 file)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand createCert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l connect-timeout -d 'Seconds to wait for each server (1-3600)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l connect -d 'Also make a mutual-TLS handshake with every registered server, as the client identity, trusting only CAFile.pem'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l no-slots -d 'Only the local checks: do not load a PKCS#11 module to list slots'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -f -a "install" -d 'Install a one-time token for a server registered with --htl, as htl/<server>.ott (0600)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -f -a "show" -d 'The HTL servers and whether each has a token installed'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and not __fish_seen_subcommand_from install show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -s n -l name -d 'The registered server the token is for' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l force -d 'Replace a token already installed'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install a one-time token for a server registered with --htl, as htl/<server>.ott (0600)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from help" -f -a "show" -d 'The HTL servers and whether each has a token installed'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand htl; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -f -a "show" -d 'The client identity: public key, fingerprint, creation time, certificate'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -f -a "roll" -d 'A new key and certificate for the client identity; the old pair is kept as .old'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -f -a "backup" -d 'The client key as an encrypted PKCS#8 file (passphrase from a file, a variable, or a prompt)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -f -a "restore" -d 'Put back a client key from a backup (it must match the client certificate)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -f -a "export" -d 'The client key and certificate (and a chain) as a PKCS#12 file, for libraries that take one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and not __fish_seen_subcommand_from show roll backup restore export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -s n -l name -d 'The client name (default: the one createcert made, from hsmctl.toml)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -s n -l name -d 'The client name (default: the one createcert made, from hsmctl.toml)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l key-type -d 'The new key\'s type (default: the current key\'s)' -r -f -a "rsa:2048\t'RSA 2048 (what Luna clients make)'
rsa:3072\t'RSA 3072'
rsa:4096\t'RSA 4096'
ec:p256\t'ECDSA P-256'
ec:p384\t'ECDSA P-384'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l days -d 'Validity of the new certificate, in days' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from roll" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -s n -l name -d 'The client name (default: the one createcert made, from hsmctl.toml)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -s o -l out -d 'The backup file to write (0600)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l passphrase-file -d 'Read the passphrase from the first line of FILE (not group/world-readable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l passphrase-env -d 'Read the passphrase from environment variable VAR' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l passphrase-fd -d 'Read the passphrase from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l force -d 'Replace an existing backup file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -s n -l name -d 'The client name (default: the one createcert made, from hsmctl.toml)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l passphrase-file -d 'Read the passphrase from the first line of FILE (not group/world-readable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l passphrase-env -d 'Read the passphrase from environment variable VAR' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l passphrase-fd -d 'Read the passphrase from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l force -d 'Replace a different key that is in place now (it is kept as .old)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -s n -l name -d 'The client name (default: the one createcert made, from hsmctl.toml)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l pkcs12 -d 'Write the client key, its certificate and any --chain into FILE as PKCS#12 (mode 0600; PBES2 with PBKDF2-SHA-256 and AES-256-CBC, HMAC-SHA-256 MAC), under a passphrase from --passphrase-file, --passphrase-env, HSMCTL_PKCS12_PASSPHRASE or a prompt' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l chain -d 'Issuer certificates (PEM) to put into the PKCS#12 file after the client certificate' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Read the passphrase from the first line of FILE (not group/world-readable)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l passphrase-env -d 'Read the passphrase from environment variable VAR' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l passphrase-fd -d 'Read the passphrase from the open file descriptor N' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l format -d 'Report format: human or json (--output is an older spelling; files are -o/--out)' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing PKCS#12 file'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document instead of a table (same as --format json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from help" -f -a "show" -d 'The client identity: public key, fingerprint, creation time, certificate'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from help" -f -a "roll" -d 'A new key and certificate for the client identity; the old pair is kept as .old'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from help" -f -a "backup" -d 'The client key as an encrypted PKCS#8 file (passphrase from a file, a variable, or a prompt)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Put back a client key from a backup (it must match the client certificate)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from help" -f -a "export" -d 'The client key and certificate (and a chain) as a PKCS#12 file, for libraries that take one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand client-key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -l lock-timeout -d 'How long to wait for another hsmctl changing the same token, 0-86400 (exit 10 after that)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -l insecure-module -d 'Load a module file that its group or everyone may write (never needed for a packaged one)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "slots" -d 'List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "slot" -d 'One slot or partition in detail'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "info" -d 'The module\'s own information (C_GetInfo) and where it was loaded from'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "token" -d 'Initialize tokens and manage their PINs'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "generatekeypair" -d 'Generate a key pair on the token (RSA, EC, Ed25519), sensitive and non-extractable'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "generatekey" -d 'Generate a secret key on the token (AES, generic), sensitive and non-extractable'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "import-key" -d 'Import a private key file (PKCS#8, PKCS#1, SEC1, PKCS#12, OpenSSH) as a token key pair'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "sign" -d 'Sign a file with a token key (RSA PKCS#1 v1.5 or PSS, ECDSA, Ed25519), as openssl dgst -sign'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "verify-signature" -d 'Verify a signature with a token key or a public key file (exit 0 good, 1 bad)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "test-key" -d 'Self-check keys inside the token: sign and verify (or encrypt and decrypt), pair match'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "random" -d 'Random bytes from the token\'s generator (C_GenerateRandom)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "list" -d 'List objects: class, key type and size, label, id, usage, pairing, pkcs11: URI'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "show" -d 'Every readable attribute of one object, decoded by name'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "setattribute" -d 'Change an object\'s label, id or boolean attributes (never weakening a key)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "delete" -d 'Delete objects (with --pair, both halves of a key pair)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "export-ssh-pubkey" -d 'OpenSSH authorized_keys lines for token keys (RSA, ECDSA, Ed25519), like ssh-keygen -D'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "export-pubkey" -d 'One token public key as SPKI PEM/DER, PKCS#1 or OpenSSH'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "convert-pubkey" -d 'Convert a public key file between OpenSSH, SPKI (PEM/DER) and PKCS#1 (detects the input)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "sign-ssh-cert" -d 'Sign OpenSSH user or host certificates with a CA key on the token, one or many'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "agent" -d 'An ssh-agent offering only the token keys named, with their certificates'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "request-cert" -d 'A PKCS#10 certificate request signed inside the token by the selected key'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "selfsign-cert" -d 'A self-signed X.509 certificate for a token key (optionally stored on the token)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "sign-csr" -d 'Issue X.509 certificates for PKCS#10 requests, signed inside the token by a CA key'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "import-cert" -d 'Store a certificate on the token beside its key (same CKA_ID), PEM or DER'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "export-cert" -d 'Write a certificate object from the token as PEM or DER'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "doctor" -d 'Check that keys and certificates pair up by CKA_ID and really match; --fix repairs ids'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "addserver" -d 'Register a server\'s certificate (cert/server/<name>Cert.pem and CAFile.pem), like vtl addServer'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "deleteserver" -d 'Remove a registered server and its certificate from the bundle'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "listservers" -d 'The registered servers'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "createcert" -d 'Create the client\'s key and self-signed certificate (cert/client/<name>Key.pem, <name>.pem)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "verify" -d 'The slots the module shows, and a health check of the client directory (--connect: TLS)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "htl" -d 'Host Trust Link one-time tokens'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "client-key" -d 'The client identity\'s key: show, roll, backup, restore'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token generatekeypair generatekey import-key sign verify-signature test-key random list show setattribute delete export-ssh-pubkey export-pubkey convert-pubkey sign-ssh-cert agent request-cert selfsign-cert sign-csr import-cert export-cert doctor addserver deleteserver listservers createcert verify htl client-key completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "init" -d 'Initialize a token: set its label and SO PIN (C_InitToken), then the user PIN (C_InitPIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "set-pin" -d 'Change the user PIN (or with --so, the SO PIN), logging in with the current one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "init-pin" -d 'As security officer, set a new user PIN (unlocks a locked user PIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from htl" -f -a "install" -d 'Install a one-time token for a server registered with --htl, as htl/<server>.ott (0600)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from htl" -f -a "show" -d 'The HTL servers and whether each has a token installed'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from client-key" -f -a "show" -d 'The client identity: public key, fingerprint, creation time, certificate'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from client-key" -f -a "roll" -d 'A new key and certificate for the client identity; the old pair is kept as .old'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from client-key" -f -a "backup" -d 'The client key as an encrypted PKCS#8 file (passphrase from a file, a variable, or a prompt)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from client-key" -f -a "restore" -d 'Put back a client key from a backup (it must match the client certificate)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from client-key" -f -a "export" -d 'The client key and certificate (and a chain) as a PKCS#12 file, for libraries that take one'
