# Builtins: positional parameters, set, shift, case, parameter expansion, eval, test, printf.
echo "argc=$# all=$*"
for a in "$@"; do echo "[$a]"; done
shift
echo "after shift: $1 | $#"
set -- x y z
echo "set: $@ ($#)"
path=/usr/local/lib/libfoo.so.1.2
echo "${path##*/} ${path%/*} ${path#/usr} ${path%%.*}"
v=hello
echo "${v:-default} ${unset_var:-default} ${#v} ${v%lo}"
for word in apple banana cherry 42 ""; do
    case "$word" in
        a*) echo "$word: starts with a" ;;
        *an*) echo "$word: has an" ;;
        [0-9]*) echo "$word: number" ;;
        "") echo "empty" ;;
        *) echo "$word: other" ;;
    esac
done
cmd='echo evaluated $((6 * 7))'
eval "$cmd"
[ -f words.txt ] && echo "words.txt is a file"
[ -d tree ] && echo "tree is a directory"
[ ! -e missing ] && echo "missing does not exist"
test 3 -lt 10 -a "b" \> "a" && echo "tests combine"
printf '%5s|%-5s|%05d|%x|%o|%c|%%\n' ab cd 42 255 8 Z
list=a,b,c
IFS=,
set -- $list
IFS=' '
echo "fields: $# second=$2"
type echo
readonly CONST=1
unset v
echo "v=${v-unset}"
exit 7
