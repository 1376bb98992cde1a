_cmu() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="cmu"
                ;;
            cmu,certify)
                cmd="cmu__subcmd__certify"
                ;;
            cmu,delete)
                cmd="cmu__subcmd__delete"
                ;;
            cmu,export)
                cmd="cmu__subcmd__export"
                ;;
            cmu,generatekeypair)
                cmd="cmu__subcmd__generatekeypair"
                ;;
            cmu,getattribute)
                cmd="cmu__subcmd__getattribute"
                ;;
            cmu,help)
                cmd="cmu__subcmd__help"
                ;;
            cmu,import)
                cmd="cmu__subcmd__import"
                ;;
            cmu,list)
                cmd="cmu__subcmd__list"
                ;;
            cmu,requestcertificate)
                cmd="cmu__subcmd__requestcertificate"
                ;;
            cmu,selfsigncertificate)
                cmd="cmu__subcmd__selfsigncertificate"
                ;;
            cmu,setattribute)
                cmd="cmu__subcmd__setattribute"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        cmu)
            opts="-h -V --help --version generatekeypair list getattribute setattribute delete export import requestcertificate selfsigncertificate certify help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__certify)
            opts="--handle --privatehandle --inputfile --outputfile --startDate --endDate --serialNum --serialNumber --profile --binary --sha256withrsa --sha384withrsa --sha512withrsa --sha256withecdsa --sha384withecdsa --sha512withecdsa --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --handle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privatehandle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --inputfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --outputfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --startDate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endDate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --serialNum)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --serialNumber)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__delete)
            opts="--handle --force --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --handle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__export)
            opts="--handle --outputfile --key --binary --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --handle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --outputfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__generatekeypair)
            opts="--keyType --modulusBits --publicExponent --curvetype --label --labelPublic --labelPrivate --id --mech --extractable --modifiable --sign --verify --encrypt --decrypt --wrap --unwrap --derive --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --keyType)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --modulusBits)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publicExponent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --curvetype)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --labelPublic)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --labelPrivate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mech)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --extractable)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --modifiable)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --sign)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --verify)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --encrypt)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --decrypt)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --wrap)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --unwrap)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --derive)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__getattribute)
            opts="--handle --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --handle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__import)
            opts="--inputFile --label --id --keyalg --pkcs12 --unwrap --sign --verify --encrypt --decrypt --derive --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --inputFile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keyalg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --verify)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --encrypt)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --decrypt)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --derive)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__list)
            opts="--class --label --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --class)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__requestcertificate)
            opts="--CN --O --OU --C --S --L --E --publichandle --privatehandle --outputfile --binary --label --serialNumber --startDate --endDate --sha256withrsa --sha384withrsa --sha512withrsa --sha256withecdsa --sha384withecdsa --sha512withecdsa --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --CN)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --O)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --OU)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --C)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --S)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --L)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --E)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publichandle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privatehandle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --outputfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --serialNumber)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --startDate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endDate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__selfsigncertificate)
            opts="--CN --O --OU --C --S --L --E --publichandle --privatehandle --outputfile --binary --label --serialNumber --startDate --endDate --sha256withrsa --sha384withrsa --sha512withrsa --sha256withecdsa --sha384withecdsa --sha512withecdsa --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --CN)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --O)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --OU)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --C)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --S)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --L)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --E)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publichandle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --privatehandle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --outputfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --serialNumber)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --startDate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --endDate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        cmu__subcmd__setattribute)
            opts="--handle --label --id --sign --verify --encrypt --decrypt --wrap --unwrap --derive --slot --password"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --handle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sign)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --verify)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --encrypt)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --decrypt)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --wrap)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --unwrap)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --derive)
                    COMPREPLY=($(compgen -W "T F 1 0 true false" -- "${cur}"))
                    return 0
                    ;;
                --slot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _cmu -o nosort -o bashdefault -o default cmu
else
    complete -F _cmu -o bashdefault -o default cmu
fi
