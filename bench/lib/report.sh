# Sourced by the bench scripts: each owns one section of docs/benchmarks.md, between
# <!-- NAME:start --> and <!-- NAME:end -->, and rewrites only that section.

# write_section NAME SECTION_FILE OUTPUT — replaces the section NAME of OUTPUT with SECTION_FILE (which holds the
# markers), or appends it; creates OUTPUT with its title when missing.
write_section() {
    local name="$1" section="$2" output="$3" merged
    mkdir -p "$(dirname "$output")"
    if [[ ! -s "$output" ]]; then
        printf '# Benchmarks\n\nEach section is written by the script it names, on the machine it describes. The scripts measure;\nthey assert nothing. Re-run one to refresh its section.\n' >"$output"
    fi
    if grep -q "<!-- $name:start -->" "$output"; then
        merged="$(mktemp)"
        awk -v section="$section" -v start="<!-- $name:start -->" -v end="<!-- $name:end -->" '
            $0 == start { while ((getline line < section) > 0) print line; skip = 1; next }
            $0 == end { skip = 0; next }
            !skip { print }' "$output" >"$merged"
        cat "$merged" >"$output"
        rm -f "$merged"
    else
        { echo; cat "$section"; } >>"$output"
    fi
}
