// Package benchdata makes Graph-like response bodies for benchmarks:
// deterministic, of any size, generated on the fly so that no large file
// is checked in. The graph package's benchmarks and the bench/ scripts use
// the same generator, so their figures are about the same bytes.
package benchdata

import "fmt"

// UsersPage returns a compact /users page of at least size bytes (one user
// more at most): Graph's default user properties plus a few more, a null
// or two, a boolean, a nested object, an escaped é, and an @odata.nextLink.
// The same size always gives the same bytes.
func UsersPage(size int) []byte {
	const head = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":[`
	const tail = `],"@odata.nextLink":"https://graph.microsoft.com/v1.0/users?$skiptoken=RFNwdAIAAQAAAB8"}`
	// Sized up front so that the page is one allocation: peak-memory
	// measurements then see the page and nothing else.
	b := make([]byte, 0, size+1024+len(head)+len(tail))
	b = append(b, head...)
	for i := 0; len(b) < size; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, `{"businessPhones":["+1 425 555 %04d"],"displayName":"User Number %d","givenName":"Given%d",`+
			`"jobTitle":null,"mail":"user%d@contoso.onmicrosoft.com","mobilePhone":null,"officeLocation":"%d/%d",`+
			`"preferredLanguage":"en-US","surname":"Surname%d","userPrincipalName":"user%d@contoso.onmicrosoft.com",`+
			`"id":"%08x-1111-4222-8333-%012x","accountEnabled":%t,"employeeHireDate":"2021-0%d-1%dT08:00:00Z","onPremisesExtensionAttributes":{"extensionAttribute1":"Team \u00e9 %d"}}`,
			i%10000, i, i, i, i%40, i%500, i, i, i*7919, i, i%3 != 0, 1+i%9, i%10, i%17)
	}
	return append(b, tail...)
}
