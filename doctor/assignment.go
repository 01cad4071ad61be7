package doctor

// NewRoleAssignment is the app role assignment that grants perm to the
// service principal oid on Microsoft Graph (graphBase is the profile's
// GraphBase()): the request, its body and the same as az and PowerShell
// command lines. An empty oid or a permission without a known app role id
// leaves a placeholder (PRINCIPAL_ID, APP_ROLE_ID) for the reader to fill.
// The audit shows it for each permission a managed identity should get.
func NewRoleAssignment(graphBase, perm, oid string) *RoleAssignment {
	return newRoleAssignment(graphBase, perm, oid)
}
