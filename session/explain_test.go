package session

import (
	"slices"
	"strings"
	"testing"

	"github.com/graphtui/graphtui/doctor"
)

const forbiddenBody = `{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"request-id":"r-1"}}}`

func TestErrorJSONFindsTheBodyInText(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"the body itself", forbiddenBody, forbiddenBody},
		{"an SDK exception", "Microsoft.Graph.Models.ODataErrors.ODataError: Exception of type 'ODataError' was thrown.\n  Response {\"x\":1} body: " + forbiddenBody + "\n   at Program.Main()", forbiddenBody},
		{"nested in a log record", `{"level":"error","resp":` + forbiddenBody + `}`, forbiddenBody},
		{"escaped in a string", `msg="` + strings.ReplaceAll(forbiddenBody, `"`, `\"`) + `"`, forbiddenBody},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := ErrorJSON([]byte(c.text))
			if !ok || string(got) != c.want {
				t.Errorf("ErrorJSON = %q, %v; want %q", got, ok, c.want)
			}
		})
	}
	if got, ok := ErrorJSON([]byte(`no json {"a": {"b": 1}} here`)); ok {
		t.Errorf("found %q where there is no error object", got)
	}
}

func TestExplainWithRolesNamesTheMissingPermission(t *testing.T) {
	x, err := Explain(ExplainInput{Method: "POST", URL: "https://graph.microsoft.com/v1.0/users/a@contoso.com/sendMail", Status: 403,
		Error: []byte(`{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}`), Roles: []string{"Mail.Read"}})
	if err != nil {
		t.Fatal(err)
	}
	d := x.Diagnosis
	if d == nil || d.Kind != doctor.KindMissingRole || !slices.Equal(d.Missing, []string{"Mail.Send"}) {
		t.Fatalf("diagnosis %+v, want missing Mail.Send", d)
	}
	if x.GraphError == nil || x.GraphError.Code != "ErrorAccessDenied" || x.Endpoint == nil || x.Endpoint.Method != "POST" {
		t.Errorf("graph error %+v, endpoint %+v", x.GraphError, x.Endpoint)
	}
}

func TestExplainRefusesAnUnreadableTokenWithoutEchoingIt(t *testing.T) {
	const secretish = "not-a-token-but-secret-material"
	_, err := Explain(ExplainInput{URL: "/users", Status: 403, Token: secretish})
	if err == nil || strings.Contains(err.Error(), secretish) {
		t.Errorf("err = %v", err)
	}
}
