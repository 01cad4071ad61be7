package permissions

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/approles

//go:embed approles.gen.txt.gz
var appRolesGz []byte

// GraphAppID is Microsoft Graph's application id: the resource whose
// service principal an app role assignment names.
const GraphAppID = "00000003-0000-0000-c000-000000000000"

var appRoles = sync.OnceValue(func() map[string]string {
	zr, err := gzip.NewReader(bytes.NewReader(appRolesGz))
	if err != nil {
		panic("permissions: embedded app roles: " + err.Error())
	}
	m := map[string]string{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if name, id, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(name)] = id
		}
	}
	if err := sc.Err(); err != nil {
		panic("permissions: embedded app roles: " + err.Error())
	}
	return m
})

// AppRoleID is the app role id of a Microsoft Graph application
// permission (User.ReadBasic.All: 97235f07-e226-4f63-ace3-39588e11d3a1),
// as provisioningInfo.json deploys it; ok is false for a name it lacks.
func AppRoleID(permission string) (id string, ok bool) {
	id, ok = appRoles()[strings.ToLower(strings.TrimSpace(permission))]
	return id, ok
}
