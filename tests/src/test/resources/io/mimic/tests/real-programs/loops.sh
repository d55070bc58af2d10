# Loops and arithmetic in busybox sh, without forking: builtins only.
i=0
sum=0
while [ $i -lt 200 ]; do
    sum=$((sum + i * i % 7))
    i=$((i + 1))
done
echo "sum=$sum"
for w in alpha bravo charlie delta; do
    printf '%s:%d ' "$w" "${#w}"
done
echo
n=1
until [ $n -gt 1000 ]; do n=$((n * 3)); done
echo "n=$n"
printf 'hex=%x oct=%o
' $n $n
x=17
echo $((x << 3)) $((x >> 2)) $((x & 5)) $((x | 8)) $((x ^ 3)) $((-x / 3)) $((x % 5)) $(( x > 3 ? 1 : 0 ))
line=0
while read -r a b c; do
    line=$((line + 1))
    [ $line -le 5 ] && echo "$line: $c $b $a"
done < words.txt
echo "lines=$line"
