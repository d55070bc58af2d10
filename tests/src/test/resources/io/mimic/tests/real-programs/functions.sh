# Functions, recursion, local variables and return codes in busybox sh.
fib() {
    local n=$1
    if [ "$n" -lt 2 ]; then
        R=$n
        return 0
    fi
    fib $((n - 1)); local a=$R
    fib $((n - 2))
    R=$((a + R))
}
for k in 0 1 2 5 10 15; do
    fib $k
    echo "fib($k)=$R"
done
gcd() {
    local a=$1 b=$2 t
    while [ $b -ne 0 ]; do t=$((a % b)); a=$b; b=$t; done
    echo $a
}
gcd 1071 462
gcd 270 192
check() { [ "$1" = "$2" ]; }
if check abc abc; then echo same; fi
check abc abd || echo "differ: $?"
count() { echo "$# args; first=${1:-none}"; }
count
count x "y z"
