# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cmu_global_optspecs
    string join \n h/help V/version
end

function __fish_cmu_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cmu_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cmu_using_subcommand
    set -l cmd (__fish_cmu_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cmu -n "__fish_cmu_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cmu -n "__fish_cmu_needs_command" -s V -l version -d 'Print version'
complete -c cmu -n "__fish_cmu_needs_command" -f -a "generatekeypair"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "list"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "getattribute"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "setattribute"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "delete"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "export"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "import"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "requestcertificate"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "selfsigncertificate"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "certify"
complete -c cmu -n "__fish_cmu_needs_command" -f -a "help"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l keyType -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l modulusBits -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l publicExponent -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l curvetype -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l label -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l labelPublic -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l labelPrivate -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l id -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l mech -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l extractable -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l modifiable -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l sign -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l verify -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l encrypt -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l decrypt -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l wrap -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l unwrap -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l derive -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand generatekeypair" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand list" -l class -r
complete -c cmu -n "__fish_cmu_using_subcommand list" -l label -r
complete -c cmu -n "__fish_cmu_using_subcommand list" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand list" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand getattribute" -l handle -r
complete -c cmu -n "__fish_cmu_using_subcommand getattribute" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand getattribute" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l handle -r
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l label -r
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l id -r
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l sign -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l verify -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l encrypt -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l decrypt -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l wrap -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l unwrap -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l derive -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand setattribute" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand delete" -l handle -r
complete -c cmu -n "__fish_cmu_using_subcommand delete" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand delete" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand delete" -l force
complete -c cmu -n "__fish_cmu_using_subcommand export" -l handle -r
complete -c cmu -n "__fish_cmu_using_subcommand export" -l outputfile -r
complete -c cmu -n "__fish_cmu_using_subcommand export" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand export" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand export" -l key
complete -c cmu -n "__fish_cmu_using_subcommand export" -l binary
complete -c cmu -n "__fish_cmu_using_subcommand import" -l inputFile -r
complete -c cmu -n "__fish_cmu_using_subcommand import" -l label -r
complete -c cmu -n "__fish_cmu_using_subcommand import" -l id -r
complete -c cmu -n "__fish_cmu_using_subcommand import" -l keyalg -r
complete -c cmu -n "__fish_cmu_using_subcommand import" -l sign -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand import" -l verify -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand import" -l encrypt -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand import" -l decrypt -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand import" -l derive -r -f -a "T\t''
F\t''
1\t''
0\t''
true\t''
false\t''"
complete -c cmu -n "__fish_cmu_using_subcommand import" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand import" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand import" -l pkcs12
complete -c cmu -n "__fish_cmu_using_subcommand import" -l unwrap
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l CN -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l O -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l OU -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l C -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l S -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l L -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l E -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l publichandle -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l privatehandle -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l outputfile -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l label -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l serialNumber -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l startDate -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l endDate -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l binary
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l sha256withrsa
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l sha384withrsa
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l sha512withrsa
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l sha256withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l sha384withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand requestcertificate" -l sha512withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l CN -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l O -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l OU -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l C -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l S -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l L -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l E -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l publichandle -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l privatehandle -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l outputfile -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l label -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l serialNumber -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l startDate -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l endDate -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l binary
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l sha256withrsa
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l sha384withrsa
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l sha512withrsa
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l sha256withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l sha384withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand selfsigncertificate" -l sha512withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l handle -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l privatehandle -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l inputfile -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l outputfile -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l startDate -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l endDate -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l serialNum -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l serialNumber -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l profile -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l slot -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l password -r
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l binary
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l sha256withrsa
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l sha384withrsa
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l sha512withrsa
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l sha256withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l sha384withecdsa
complete -c cmu -n "__fish_cmu_using_subcommand certify" -l sha512withecdsa
