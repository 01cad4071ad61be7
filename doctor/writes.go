package doctor

import (
	"fmt"
	"strings"

	"github.com/graphtui/graphtui/permissions"
)

// The diagnoses about writes (POST, PATCH, PUT, DELETE): permissions that
// work only together, Teams message posts that apps may make only while
// importing, and user changes that need a directory role besides the
// permission. Mailbox policies (sendMail) are exchangePolicy's.

// lookupFor looks a method up in the reference. GET goes through lookup,
// which tests replace.
func lookupFor(method, path string) (permissions.Match, bool) {
	if method == "GET" {
		return lookup(path)
	}
	return permissions.LookupMethod(method, path)
}

func methodOf(in Input) string {
	if m := strings.ToUpper(strings.TrimSpace(in.Method)); m != "" {
		return m
	}
	return "GET"
}

// write explains a refused write when a rule of its own applies; nil lets
// the GET rules go on.
func (f *facts) write() *Diagnosis {
	if f.method == "GET" || f.status != 403 {
		return nil
	}
	if f.method == "POST" && f.path.isTeamsMessage() {
		return f.teamsMigration()
	}
	allowed := f.match.Allows(f.roles()) || len(f.accepted) > 0
	if !allowed && f.known {
		if pick := f.match.Pick(); len(pick) > 1 {
			return f.missingCombination(pick)
		}
	}
	if f.path.isUserObject() && (f.method == "PATCH" || f.method == "DELETE") || f.path.isPasswordReset() {
		if allowed {
			return f.directoryRole()
		}
		if len(f.acceptable()) > 0 {
			d := f.missingRole()
			d.Next = append(d.Next, directoryRoleNote)
			return d
		}
	}
	return nil
}

const directoryRoleNote = "Changing an admin (a user with a directory role) or anyone's password needs more than the permission: assign the app's service principal a directory role such as User Administrator, or Privileged Authentication Administrator for admins' passwords (Entra admin center > Roles and administrators)."

// missingCombination: the least privileged choice is two permissions
// together (AlsoRequires), and the token lacks one or both.
func (f *facts) missingCombination(pick []string) *Diagnosis {
	var lacks []string
	for _, p := range pick {
		if !containsFold(f.roles(), p) {
			lacks = append(lacks, p)
		}
	}
	both := strings.Join(pick, " together with ")
	cause := fmt.Sprintf("%s needs %s: neither allows it alone. The token's roles are %s, so it lacks %s.",
		f.endpoint(), both, listOrNone(f.roles()), strings.Join(lacks, " and "))
	d := &Diagnosis{
		Kind:    KindMissingRole,
		Title:   "This request needs two permissions together",
		Cause:   cause,
		Missing: lacks,
		Next:    f.grantSteps("permission" + plural(lacks) + " " + strings.Join(lacks, " and ")),
	}
	if alone := f.match.Least; len(alone) > 0 {
		d.Next = append(d.Next, fmt.Sprintf("Or use one permission that allows it alone, at a higher privilege: %s.", orList(alone)))
	}
	return d
}

func (f *facts) teamsMigration() *Diagnosis {
	return &Diagnosis{
		Kind:  KindTeamsMigration,
		Title: "Apps post Teams messages without a user only to import them",
		Cause: fmt.Sprintf("with app-only access, %s accepts only Teamwork.Migrate.All, and only while the team or chat is being migrated (created in migration mode, before completeMigration): it imports old messages with their original authors and dates. A normal post needs a signed-in user.", f.endpoint()),
		Next: []string{
			"To post as a user, send it with a delegated token (ChannelMessage.Send or ChatMessage.Send), for example from Graph Explorer.",
			"To post as the app, use a bot (Azure Bot Service) installed in the team or chat, or a Workflows (Power Automate) webhook for the channel.",
			"To import history, create the team or channel in migration mode, POST the messages with Teamwork.Migrate.All, then call completeMigration.",
		},
	}
}

func (f *facts) directoryRole() *Diagnosis {
	has := f.accepted
	if len(has) == 0 {
		has = intersect(f.roles(), f.acceptable())
	}
	return &Diagnosis{
		Kind:  KindDirectoryRole,
		Title: "The permission is there; this user or password also needs a directory role",
		Cause: fmt.Sprintf("the token has %s, which %s accepts, yet Entra refused: changing a user who holds an admin role, or a password, also needs the app's service principal to hold a directory role that may manage that user.",
			listOrNone(has), f.endpoint()),
		Next: []string{
			directoryRoleNote,
			"Or leave this user to an admin: the app can change users without admin roles with the permission alone.",
			"Role assignments apply from the next token: " + command(f.in.Profile.Name, "token", "--refresh"),
		},
	}
}

func plural(list []string) string {
	if len(list) > 1 {
		return "s"
	}
	return ""
}

// isTeamsMessage: a channel or chat message (or reply) collection, where
// a POST creates a message.
func (p requestPath) isTeamsMessage() bool {
	n := len(p.segs)
	if n < 3 || p.at(n-1) != "messages" && p.at(n-1) != "replies" {
		return false
	}
	switch {
	case p.at(0) == "teams" && p.at(2) == "channels":
		return true
	case p.at(0) == "chats":
		return true
	case p.at(0) == "users" && p.at(2) == "chats":
		return true
	}
	return false
}

// isUserObject: /users/{id} itself.
func (p requestPath) isUserObject() bool {
	return len(p.segs) == 2 && p.at(0) == "users"
}

// isPasswordReset: POST .../authentication/.../resetPassword.
func (p requestPath) isPasswordReset() bool {
	return p.at(0) == "users" && p.at(2) == "authentication" && p.at(len(p.segs)-1) == "resetpassword"
}
