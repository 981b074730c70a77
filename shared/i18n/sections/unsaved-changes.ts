/** Leaving a page whose edits are not saved: the question the page asks, and the desktop window when it is closed. */
export const en = {
  title: 'Leave without saving?',
  message: 'The changes on this page are not saved. If you leave now, they will be lost.',
  stay: 'Stay on this page',
  leave: 'Leave without saving',
};

export const vi: typeof en = {
  title: 'Rời trang mà không lưu?',
  message: 'Các thay đổi trên trang này chưa được lưu. Nếu rời trang bây giờ, các thay đổi sẽ bị mất.',
  stay: 'Ở lại trang này',
  leave: 'Rời trang, không lưu',
};
