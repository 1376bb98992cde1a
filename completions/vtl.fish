# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_vtl_global_optspecs
    string join \n h/help V/version
end

function __fish_vtl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_vtl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_vtl_using_subcommand
    set -l cmd (__fish_vtl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c vtl -n "__fish_vtl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vtl -n "__fish_vtl_needs_command" -s V -l version -d 'Print version'
complete -c vtl -n "__fish_vtl_needs_command" -f -a "addServer"
complete -c vtl -n "__fish_vtl_needs_command" -f -a "deleteServer"
complete -c vtl -n "__fish_vtl_needs_command" -f -a "listServers"
complete -c vtl -n "__fish_vtl_needs_command" -f -a "createCert"
complete -c vtl -n "__fish_vtl_needs_command" -f -a "verify"
complete -c vtl -n "__fish_vtl_needs_command" -f -a "listSlots"
complete -c vtl -n "__fish_vtl_needs_command" -f -a "help"
complete -c vtl -n "__fish_vtl_using_subcommand addServer" -l n -r
complete -c vtl -n "__fish_vtl_using_subcommand addServer" -l c -r
complete -c vtl -n "__fish_vtl_using_subcommand addServer" -l p -r
complete -c vtl -n "__fish_vtl_using_subcommand addServer" -l htl
complete -c vtl -n "__fish_vtl_using_subcommand addServer" -l force
complete -c vtl -n "__fish_vtl_using_subcommand deleteServer" -l n -r
complete -c vtl -n "__fish_vtl_using_subcommand createCert" -l n -r
complete -c vtl -n "__fish_vtl_using_subcommand createCert" -l force
