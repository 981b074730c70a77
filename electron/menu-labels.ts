import type { Translate } from '../shared/i18n';

/** The application menu's labels in the installation's language. */
export function menuLabels(t: Translate) {
  return {
    file: t('menu.file'),
    backup: t('menu.backup'),
    backups: t('menu.backups'),
    openExchangeFile: t('menu.openExchangeFile'),
    openDataFolder: t('menu.openDataFolder'),
    quit: t('menu.quit'),
    edit: t('menu.edit'),
    undo: t('menu.undo'),
    redo: t('menu.redo'),
    cut: t('menu.cut'),
    copy: t('menu.copy'),
    paste: t('menu.paste'),
    selectAll: t('menu.selectAll'),
    view: t('menu.view'),
    reload: t('menu.reload'),
    zoomIn: t('menu.zoomIn'),
    zoomOut: t('menu.zoomOut'),
    resetZoom: t('menu.resetZoom'),
    fullScreen: t('menu.fullScreen'),
    help: t('menu.help'),
    about: t('menu.about'),
    dataFolder: t('menu.dataFolder'),
  };
}
