// Shows Kasam's message when allauth's security-key dialogue fails or is cancelled
// (kasam/templates/mfa/webauthn/snippets/scripts.html); allauth itself only logs to the console.
document.addEventListener('allauth.error', function (event) {
  const tags = (event.detail && event.detail.tags) || []
  const message = document.getElementById('webauthn-error')
  if (!message || tags.indexOf('webauthn') === -1) {
    return
  }
  event.preventDefault()
  message.hidden = false
  message.focus()
})
