# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_lunacm_global_optspecs
    string join \n q= s= h/help V/version
end

function __fish_lunacm_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_lunacm_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_lunacm_using_subcommand
    set -l cmd (__fish_lunacm_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c lunacm -n "__fish_lunacm_needs_command" -s q -d 'Run one command and exit' -r
complete -c lunacm -n "__fish_lunacm_needs_command" -s s -d 'Start in this slot' -r
complete -c lunacm -n "__fish_lunacm_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lunacm -n "__fish_lunacm_needs_command" -s V -l version -d 'Print version'
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "slot"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "partition"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "role"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "hsm"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "clientconfig"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "help"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "exit"
complete -c lunacm -n "__fish_lunacm_needs_command" -f -a "quit"
complete -c lunacm -n "__fish_lunacm_using_subcommand slot; and not __fish_seen_subcommand_from list set" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand slot; and not __fish_seen_subcommand_from list set" -f -a "list"
complete -c lunacm -n "__fish_lunacm_using_subcommand slot; and not __fish_seen_subcommand_from list set" -f -a "set"
complete -c lunacm -n "__fish_lunacm_using_subcommand slot; and __fish_seen_subcommand_from set" -l slot -r
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and not __fish_seen_subcommand_from show contents list init" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and not __fish_seen_subcommand_from show contents list init" -f -a "show"
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and not __fish_seen_subcommand_from show contents list init" -f -a "contents"
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and not __fish_seen_subcommand_from show contents list init" -f -a "list"
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and not __fish_seen_subcommand_from show contents list init" -f -a "init"
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and __fish_seen_subcommand_from init" -l label -r
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and __fish_seen_subcommand_from init" -l password -r
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and __fish_seen_subcommand_from init" -l userpw -r
complete -c lunacm -n "__fish_lunacm_using_subcommand partition; and __fish_seen_subcommand_from init" -l force
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and not __fish_seen_subcommand_from login logout changepw" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and not __fish_seen_subcommand_from login logout changepw" -f -a "login"
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and not __fish_seen_subcommand_from login logout changepw" -f -a "logout"
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and not __fish_seen_subcommand_from login logout changepw" -f -a "changepw"
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and __fish_seen_subcommand_from login" -l name -r
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and __fish_seen_subcommand_from login" -l password -r
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and __fish_seen_subcommand_from changepw" -l name -r
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and __fish_seen_subcommand_from changepw" -l oldpw -r
complete -c lunacm -n "__fish_lunacm_using_subcommand role; and __fish_seen_subcommand_from changepw" -l newpw -r
complete -c lunacm -n "__fish_lunacm_using_subcommand hsm; and not __fish_seen_subcommand_from showinfo" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand hsm; and not __fish_seen_subcommand_from showinfo" -f -a "showinfo"
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and not __fish_seen_subcommand_from listservers verify deploy" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and not __fish_seen_subcommand_from listservers verify deploy" -f -a "listservers"
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and not __fish_seen_subcommand_from listservers verify deploy" -f -a "verify"
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and not __fish_seen_subcommand_from listservers verify deploy" -f -a "deploy"
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l server -r
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l client -r
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l partition -r
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l password -r
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l user -r
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l regen
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l force
complete -c lunacm -n "__fish_lunacm_using_subcommand clientconfig; and __fish_seen_subcommand_from deploy" -l verbose
complete -c lunacm -n "__fish_lunacm_using_subcommand help" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand exit" -s h -l help -d 'Print help'
complete -c lunacm -n "__fish_lunacm_using_subcommand quit" -s h -l help -d 'Print help'
