package permissions

import "strings"

// method is an HTTP method the index knows, by its position in
// methodNames (the index's order).
type method uint8

const (
	methodGET method = iota
	methodPOST
	methodPATCH
	methodPUT
	methodDELETE
	methodCount
)

var methodNames = [methodCount]string{"GET", "POST", "PATCH", "PUT", "DELETE"}

// methodLetters mark a method's group on a path line, in method order.
const methodLetters = "GPMUD"

// methodSet has bit m set for each method m a pattern is listed for.
type methodSet uint8

func (s methodSet) has(m method) bool { return s&(1<<m) != 0 }

// names lists the set's methods in the index's order.
func (s methodSet) names() []string {
	out := []string{}
	for m := range methodCount {
		if s.has(m) {
			out = append(out, methodNames[m])
		}
	}
	return out
}

func methodOfLetter(field string) (method, bool) {
	if len(field) != 1 {
		return 0, false
	}
	i := strings.IndexByte(methodLetters, field[0])
	return method(i), i >= 0
}

// parseMethod accepts a method name in any case; "" is GET.
func parseMethod(s string) (method, bool) {
	if s == "" {
		return methodGET, true
	}
	for m, name := range methodNames {
		if strings.EqualFold(s, name) {
			return method(m), true
		}
	}
	return 0, false
}

// Methods are the HTTP methods the reference lists permissions for, in
// the order graphtui shows them.
func Methods() []string { return append([]string(nil), methodNames[:]...) }
