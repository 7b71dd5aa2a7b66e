# bash completion for breachstat (installed as
# $(datadir)/bash-completion/completions/breachstat, where bash-completion finds it).
#
# Commands and each command's options as --help lists them (so the completion never
# falls behind the program), the values of the options that take a fixed set, and
# file names everywhere else.

_breachstat_help_opts()
{
    # "--name" or "--name METAVAR", one a line, from the options part of --help
    "$1" ${2:+"$2"} --help 2>/dev/null |
        sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z0-9-]*\)\( [A-Z][A-Z]*\)\{0,1\}.*/\2\3/p'
}

_breachstat()
{
    local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # the names under "Commands:" in --help (a fixed list lacked counts and fields)
    local commands
    commands="$("$prog" --help 2>/dev/null |
        sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p') help"

    # the command: the first word that is neither an option nor an option's value
    local cmd= i w opts
    opts=$(_breachstat_help_opts "$prog")
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        --*=*) ;;
        -o) ((i++)) ;;
        -*) grep -q -- "^$w [A-Z]" <<<"$opts" && ((i++)) ;;
        *)
            cmd=$w
            break
            ;;
        esac
    done
    [ -n "$cmd" ] && [ "$cmd" != help ] && opts=$(_breachstat_help_opts "$prog" "$cmd")

    # the value of an option
    case $prev in
    --format) COMPREPLY=($(compgen -W "auto canonical csv hhs wa veris hibp" -- "$cur")); return ;;
    --date) COMPREPLY=($(compgen -W "event reported occurred discovered" -- "$cur")); return ;;
    --unit) COMPREPLY=($(compgen -W "individuals accounts records" -- "$cur")); return ;;
    --by)
        case $cmd in
        timeline) COMPREPLY=($(compgen -W "month quarter year" -- "$cur")) ;;
        regions) COMPREPLY=($(compgen -W "residence organisation" -- "$cur")) ;;
        *) COMPREPLY=() ;;
        esac
        return
        ;;
    -o | --output | --provenance | --map | --population | --html | --markdown)
        COMPREPLY=($(compgen -f -- "$cur"))
        return
        ;;
    -*)
        if grep -q -- "^$prev [A-Z]" <<<"$opts"; then
            COMPREPLY=() # a free value: a name, a date, a number
            return
        fi
        ;;
    esac

    if [ -z "$cmd" ] && [[ $cur != -* ]]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    elif [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(cut -d' ' -f1 <<<"$opts") -h -o -q -v" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -o bashdefault -F _breachstat breachstat
