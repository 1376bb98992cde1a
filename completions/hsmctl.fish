# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hsmctl_global_optspecs
    string join \n module= home= v/verbose h/help V/version
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
complete -c hsmctl -n "__fish_hsmctl_needs_command" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "slots" -d 'List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "partitions" -d 'List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "slot" -d 'One slot or partition in detail'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "partition" -d 'One slot or partition in detail'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "info" -d 'The module\'s own information (C_GetInfo) and where it was loaded from'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "token" -d 'Initialize tokens and manage their PINs'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c hsmctl -n "__fish_hsmctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slots" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partitions" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l mechanisms -d 'Also list every mechanism with its key-size range and flags'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l token -d 'Select the token by its label' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l serial -d 'Select the token by its serial number' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l slot -d 'Select the token by slot id (slot ids are not stable on every module; prefer --serial)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l uri -d 'Select the token by a pkcs11: URI (RFC 7512; honours module-path and pin-source)' -r
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l mechanisms -d 'Also list every mechanism with its key-size range and flags'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand partition; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand info" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and not __fish_seen_subcommand_from init set-pin init-pin help" -s V -l version -d 'Print version'
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
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l force -d 'Erase a token that is already initialized, with every object on it'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
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
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l so -d 'Change the security officer\'s PIN instead of the user\'s'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from set-pin" -s V -l version -d 'Print version'
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
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l output -d 'Output format' -r -f -a "human\t'Tables and text for people'
json\t'One JSON document (snake_case keys; the shape is API)'"
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -l json -d 'Print one JSON document instead of a table (same as --output json)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from init-pin" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "init" -d 'Initialize a token: set its label and SO PIN (C_InitToken), then the user PIN (C_InitPIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "set-pin" -d 'Change the user PIN (or with --so, the SO PIN), logging in with the current one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "init-pin" -d 'As security officer, set a new user PIN (unlocks a locked user PIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -l module -d 'PKCS#11 module to load (else HSMCTL_MODULE, the config file, p11-kit\'s proxy, SoftHSM2)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -l home -d 'hsmctl\'s home directory (else HSMCTL_HOME, else $XDG_CONFIG_HOME/hsmctl)' -r -F
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -s v -l verbose -d 'Say more on stderr (which module was loaded and why, which token was selected)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token completions help" -f -a "slots" -d 'List every slot and its token (label, serial, model, versions, flags, pkcs11: URI)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token completions help" -f -a "slot" -d 'One slot or partition in detail'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token completions help" -f -a "info" -d 'The module\'s own information (C_GetInfo) and where it was loaded from'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token completions help" -f -a "token" -d 'Initialize tokens and manage their PINs'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token completions help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and not __fish_seen_subcommand_from slots slot info token completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "show" -d 'Show one token in detail: identity, flags, PIN lengths, sessions, memory'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "init" -d 'Initialize a token: set its label and SO PIN (C_InitToken), then the user PIN (C_InitPIN)'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "set-pin" -d 'Change the user PIN (or with --so, the SO PIN), logging in with the current one'
complete -c hsmctl -n "__fish_hsmctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "init-pin" -d 'As security officer, set a new user PIN (unlocks a locked user PIN)'
