# busybox sh script for toolchains/bench: 200 forks (subshells and pipelines), as shells do.
i=0
total=0
while [ $i -lt 100 ]; do
  v=$(echo $i)
  total=$((total + v))
  echo "$i" | true
  i=$((i + 1))
done
echo "forks done: total $total"
