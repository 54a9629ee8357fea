#!/usr/bin/env bash
# The Madaster API building flow against matbank with curl and jq-free shell.
#   MATBANK_URL=http://127.0.0.1:8000 MATBANK_TOKEN=<32 hex> bash examples/building_flow.sh
set -euo pipefail
BASE="${MATBANK_URL:-http://127.0.0.1:8000}/api/v3.0"
: "${MATBANK_TOKEN:?set MATBANK_TOKEN to an API token (make run prints one)}"
ZERO=00000000-0000-0000-0000-000000000000

call() {  # call METHOD PATH [JSON] -> body on stdout; fails on HTTP errors
    local method=$1 path=$2 data=${3:-}
    if [[ -n $data ]]; then
        curl -sS --fail-with-body -X "$method" -H "X-API-Key: $MATBANK_TOKEN" \
            -H 'Content-Type: application/json' -d "$data" "$BASE$path"
    else
        curl -sS --fail-with-body -X "$method" -H "X-API-Key: $MATBANK_TOKEN" "$BASE$path"
    fi
}
field() {  # field NAME < JSON -> the first string or number value of NAME
    python3 -c "import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d['$1'])"
}

echo "account: $(call GET /account | field name)"
TYPE=$(call GET /account/foldertypes | python3 -c "import json,sys; print(next(t['id'] for t in json.load(sys.stdin) if t['name']['en']=='Portfolio'))")
FOLDER=$(call POST /folder "{\"name\":\"curl portfolio\",\"parentId\":\"$ZERO\",\"foldertypeId\":\"$TYPE\"}" | field id)
BUILDING=$(call POST /building "{\"folderId\":\"$FOLDER\",\"name\":\"curl building\",\"phase\":\"New\",\"completionDate\":\"2025-01-01T00:00:00Z\",\"buildingUsage\":\"offices-small\",\"grossSurfaceArea\":120,\"materialClassificationTypeId\":\"madaster\"}" | field id)
FILE=$(call POST "/building/$BUILDING/files" "{\"name\":\"curl elements\",\"type\":\"Source\",\"preferredDatabaseIds\":[\"$ZERO\"]}" | field id)
call POST "/building/$BUILDING/files/$FILE/setimporting" >/dev/null
call POST "/building/$BUILDING/files/$FILE/elements/batch" '[{"id":"w1","materialName":"Beton","volume":3.5},{"id":"w2","materialName":"Holz","volume":1.2}]'
echo
call POST "/building/$BUILDING/files/$FILE/startrefinement" >/dev/null
for _ in $(seq 1 240); do
    STATUS=$(call GET "/building/$BUILDING/files/$FILE/status" | field status)
    [[ $STATUS == Mapped || $STATUS == RefineFailed ]] && break
    sleep 0.5
done
echo "file status: $STATUS"
[[ $STATUS == Mapped ]]
call POST "/building/$BUILDING/files/$FILE/active" true >/dev/null
for _ in $(seq 1 240); do
    DIRTY=$(call GET "/building/$BUILDING" | field isDirty)
    [[ $DIRTY == False ]] && break
    sleep 0.5
done
echo "building recalculated (isDirty: $DIRTY)"
[[ $DIRTY == False ]]
