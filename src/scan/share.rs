//! Whether the archive lies on a network share, where walks and reads wait on the network
//! rather than the disk and more threads than cores pay off.

use std::path::Path;

/// File systems that are reached over the network.
const NETWORK: [&str; 9] = [
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "9p",
    "fuse.sshfs",
    "ceph",
    "glusterfs",
];

/// Whether `path` is on a network file system, by `/proc/mounts` (Linux); `false` where that
/// cannot be told.
pub fn is_network_filesystem(path: &Path) -> bool {
    let Ok(path) = path.canonicalize() else {
        return false;
    };
    let Ok(mounts) = std::fs::read_to_string("/proc/mounts") else {
        return false;
    };
    filesystem_of(&path, &mounts).is_some_and(|fs| NETWORK.contains(&fs))
}

/// The file-system type of the longest mount point holding `path`.
fn filesystem_of<'m>(path: &Path, mounts: &'m str) -> Option<&'m str> {
    mounts
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, point, kind) = (fields.next()?, fields.next()?, fields.next()?);
            let point = point.replace("\\040", " ");
            path.starts_with(&point).then_some((point.len(), kind))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_mount_point_decides() {
        let mounts = "/dev/vda / ext4 rw 0 0\nserver:/archive /mnt/archive nfs4 rw 0 0\n//nas/档案 /mnt/my\\040share cifs rw 0 0\n";
        assert_eq!(
            filesystem_of(Path::new("/mnt/archive/2023"), mounts),
            Some("nfs4")
        );
        assert_eq!(
            filesystem_of(Path::new("/home/clerk"), mounts),
            Some("ext4")
        );
        assert_eq!(
            filesystem_of(Path::new("/mnt/my share/x"), mounts),
            Some("cifs")
        );
    }
}
