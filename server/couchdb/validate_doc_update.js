// review-widget's rules for every write to a comments database (CouchDB runs this function
// before it stores any document; a throw refuses the write). It trusts nothing of the
// document but its id and the writer CouchDB authenticated: with replicated writes CouchDB
// may pass no old document for one that exists, so `oldDoc` is never consulted.
//
//   c:<review-id>:<user>:<record-id>   a comment, written only by <user>
//   m:<review-id>:<user>:<record-id>   a moderation decision, written by admins and moderators
function (newDoc, oldDoc, userCtx, secObj) {
  var NAME_MAX = 80, BODY_MAX = 5000;
  var ID = /^[A-Za-z0-9_-]{1,64}$/;
  var REVIEW = /^[A-Za-z0-9._%-]{1,400}$/;
  var FIELDS = ['author', 'body', 'spoiler', 'chapter', 'created', 'edited', 'deleted', 'parent', 'changed', 'writer', 'generation'];
  var roles = userCtx.roles || [];
  var admin = roles.indexOf('_admin') !== -1;

  function refuse(reason) {
    throw({ forbidden: reason });
  }
  function whole(value) {
    return typeof value === 'number' && Math.floor(value) === value && Math.abs(value) <= 8640000000000000;
  }
  // Characters as the widget counts them: a pair of surrogates is one.
  function text(value, max) {
    return typeof value === 'string' && value.replace(/^\s+|\s+$/g, '').length > 0 &&
      value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length <= max;
  }

  if (admin) return;
  if (!userCtx.name) throw({ unauthorized: 'Sign in to write here.' });
  if (((secObj && secObj.banned) || []).indexOf(userCtx.name) !== -1) refuse('This reader may not write here.');
  if (newDoc._attachments) refuse('Attachments are not accepted.');

  var parts = String(newDoc._id).split(':');
  if (parts.length !== 4 || !REVIEW.test(parts[1]) || !ID.test(parts[3]) || parts[2] === '') refuse('Not a document of review-widget.');

  if (parts[0] === 'm') {
    if (roles.indexOf('moderator') === -1) refuse('Only moderators decide what is shown.');
    if (newDoc._deleted) return;
    if (newDoc.status !== 'hidden' && newDoc.status !== 'approved') refuse('A decision is "hidden" or "approved".');
    for (var key in newDoc) if (key.charAt(0) !== '_' && ['status', 'by', 'at'].indexOf(key) === -1) refuse('Unknown field: ' + key);
    return;
  }
  if (parts[0] !== 'c') refuse('Not a document of review-widget.');
  if (parts[2] !== userCtx.name) refuse('A reader writes only their own comments.');
  if (newDoc._deleted) return;

  for (var field in newDoc) {
    if (field.charAt(0) === '_') {
      if (['_id', '_rev', '_revisions', '_deleted'].indexOf(field) === -1) refuse('Unknown field: ' + field);
    } else if (FIELDS.indexOf(field) === -1) {
      refuse('Unknown field: ' + field);
    }
  }
  if (!whole(newDoc.created) || !whole(newDoc.changed)) refuse('A comment has times in milliseconds.');
  if (newDoc.edited !== undefined && !whole(newDoc.edited)) refuse('A comment has times in milliseconds.');
  if (newDoc.generation !== undefined && !(whole(newDoc.generation) && newDoc.generation >= 0)) refuse('Bad generation.');
  if (newDoc.chapter !== undefined && !(whole(newDoc.chapter) && newDoc.chapter >= 1)) refuse('Bad chapter.');
  if (typeof newDoc.writer !== 'string' || newDoc.writer.length > 64) refuse('Bad writer.');
  if (newDoc.parent !== undefined && !ID.test(newDoc.parent)) refuse('Bad parent.');
  if (newDoc.spoiler !== undefined && typeof newDoc.spoiler !== 'boolean') refuse('Bad spoiler mark.');
  if (newDoc.deleted === true) {
    if (newDoc.author !== undefined || newDoc.body !== undefined) refuse('A deleted comment keeps no text.');
    return;
  }
  if (newDoc.deleted !== undefined) refuse('Bad deleted mark.');
  if (!text(newDoc.author, NAME_MAX)) refuse('A name of 1 to ' + NAME_MAX + ' characters.');
  if (!text(newDoc.body, BODY_MAX)) refuse('A comment of 1 to ' + BODY_MAX + ' characters.');
}
