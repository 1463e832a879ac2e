# ltcp.2: ltcp help COMMAND without the synopsis twice.
build
twice=
for c in $("$LTCP" help | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on { print $1 }'); do
  n=$("$LTCP" help "$c" | grep -c '^Usage:')
  [ "$n" -eq 1 ] || twice="$twice $c($n)"
done
fact "ltcp help COMMAND prints one usage line for every command${twice:+ (not:$twice)}" test -z "$twice"
