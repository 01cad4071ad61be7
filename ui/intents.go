package ui

// The messages a component may return as intents. The marker keeps a
// result (tokenMsg, exchangeMsg) from being handed to the root as an
// intent by mistake: the compiler refuses it.

func (sendMsg) intent()            {}
func (nextPageMsg) intent()        {}
func (fetchAllMsg) intent()        {}
func (cancelMsg) intent()          {}
func (profileSelectedMsg) intent() {}
func (refreshTokenMsg) intent()    {}
func (openProfileFormMsg) intent() {}
func (confirmDeleteMsg) intent()   {}
func (deleteProfileMsg) intent()   {}
func (saveProfileMsg) intent()     {}
func (closeDialogMsg) intent()     {}
func (copyMsg) intent()            {}
func (saveBodyMsg) intent()        {}
func (saveBundleMsg) intent()      {}
func (statusMsg) intent()          {}
func (pathEditedMsg) intent()      {}
func (recheckMsg) intent()         {}
func (showQRMsg) intent()          {}
func (matrixMsg) intent()          {}
