using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using ConstraintTools.Notation;
using Microsoft.Win32.SafeHandles;

namespace ConstraintTools.PowerShell
{
    /// <summary>What lstat(2) says of a path: its type, permission bits and owner.</summary>
    internal readonly struct UnixFileStatus
    {
        private const int TypeMask = 0xF000;
        private const int TypeFifo = 0x1000;
        private const int TypeCharacterDevice = 0x2000;
        private const int TypeDirectory = 0x4000;
        private const int TypeBlockDevice = 0x6000;
        private const int TypeRegular = 0x8000;
        private const int TypeSymbolicLink = 0xA000;
        private const int TypeSocket = 0xC000;

        public UnixFileStatus(int mode, uint userId, uint groupId)
        {
            Mode = mode;
            UserId = userId;
            GroupId = groupId;
        }

        public int Mode { get; }
        public uint UserId { get; }
        public uint GroupId { get; }

        /// <summary>Read, write and execute for owner, group and others, with set-user-ID, set-group-ID and sticky.</summary>
        public int PermissionBits => Mode & 0xFFF;

        public bool IsRegularFile => (Mode & TypeMask) == TypeRegular;
        public bool IsDirectory => (Mode & TypeMask) == TypeDirectory;
        public bool IsSymbolicLink => (Mode & TypeMask) == TypeSymbolicLink;

        /// <summary>The type as a message names it: "a character device".</summary>
        public string TypeName => (Mode & TypeMask) switch
        {
            TypeFifo => "a named pipe",
            TypeCharacterDevice => "a character device",
            TypeBlockDevice => "a block device",
            TypeSocket => "a socket",
            TypeDirectory => "a directory",
            TypeSymbolicLink => "a symbolic link",
            TypeRegular => "a regular file",
            _ => "not a regular file",
        };
    }

    /// <summary>
    /// The few POSIX calls .NET Standard 2.0 has no API for, used only off Windows. The status, link and mode
    /// calls go through the runtime's own System.Native shim, whose FileStatus starts with the same four fields
    /// on every .NET since Core 2.0 and every Unix, where libc's struct stat differs by platform and
    /// architecture; realpath and fchown are not in the shim, and their signatures are the same in every libc.
    /// </summary>
    internal static class UnixFile
    {
        private const string SystemNative = "libSystem.Native";

        /// <summary>Room for System.Native's FileStatus, which grows a field now and then at its end.</summary>
        private const int FileStatusBytes = 512;

        /// <summary>Symbolic links followed before a chain is taken for a loop, as Linux's ELOOP limit.</summary>
        private const int MaxLinkHops = 40;

        public static bool IsUnix { get; } = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        [DllImport(SystemNative, EntryPoint = "SystemNative_LStat", SetLastError = true)]
        private static extern int SystemLStat(string path, IntPtr status);

        [DllImport(SystemNative, EntryPoint = "SystemNative_ReadLink", SetLastError = true)]
        private static extern int SystemReadLink(string path, byte[] buffer, int bufferSize);

        [DllImport(SystemNative, EntryPoint = "SystemNative_FChMod", SetLastError = true)]
        private static extern int SystemFChMod(SafeFileHandle file, int mode);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr LibcRealPath(string path, byte[] resolved);

        [DllImport("libc", EntryPoint = "fchown", SetLastError = true)]
        private static extern int FChown(int file, uint userId, uint groupId);

        /// <summary>The path's own status, a symbolic link not followed; null when nothing is there or it cannot be examined.</summary>
        public static UnixFileStatus? LStat(string path)
        {
            var status = Marshal.AllocHGlobal(FileStatusBytes);
            try
            {
                if (SystemLStat(path, status) != 0) return null;
                return new UnixFileStatus(Marshal.ReadInt32(status, 4), (uint)Marshal.ReadInt32(status, 8), (uint)Marshal.ReadInt32(status, 12));
            }
            finally
            {
                Marshal.FreeHGlobal(status);
            }
        }

        /// <summary>
        /// The path with every symbolic link at its end followed, the way open(2) follows them, and the status of
        /// what is there (null for nothing: a new file, or a link whose target does not exist yet).
        /// </summary>
        /// <exception cref="IOException">The links form a loop or a chain too long to follow.</exception>
        public static (string Path, UnixFileStatus? Status) FollowLinks(string path)
        {
            for (var hops = 0; hops <= MaxLinkHops; hops++)
            {
                var status = LStat(path);
                if (status is null || !status.Value.IsSymbolicLink) return (path, status);
                var target = ReadLink(path);
                var folder = System.IO.Path.GetDirectoryName(path) ?? "/";
                // Combined with the link's folder as the kernel would, not normalised: "../x" from a link inside a
                // linked folder is relative to where that folder really is.
                path = System.IO.Path.IsPathRooted(target) ? target : System.IO.Path.Combine(RealPath(folder), target);
            }
            throw new IOException($"'{Display.FilePath(path)}' is reached through more than {MaxLinkHops} symbolic links; they may form a loop.");
        }

        /// <summary>Gives a file just created the owner and group of the file it replaces where this process may, and its permission bits.</summary>
        public static void KeepOwnerAndMode(SafeFileHandle file, UnixFileStatus of)
        {
            var descriptor = (int)file.DangerousGetHandle();
            // Only root may give a file to another user; anyone may give it a group they are in. The owner is
            // set first because chown clears set-user-ID and set-group-ID.
            if (FChown(descriptor, of.UserId, of.GroupId) != 0) FChown(descriptor, uint.MaxValue, of.GroupId);
            if (SystemFChMod(file, of.PermissionBits) != 0)
                throw new IOException($"Could not set the permissions of the new file (error {Marshal.GetLastWin32Error()}).");
        }

        private static string ReadLink(string path)
        {
            var buffer = new byte[4096];
            var length = SystemReadLink(path, buffer, buffer.Length);
            if (length < 0) throw new IOException($"Could not read the symbolic link '{Display.FilePath(path)}' (error {Marshal.GetLastWin32Error()}).");
            return Encoding.UTF8.GetString(buffer, 0, length);
        }

        /// <summary>The folder with every link in it resolved; as given when it does not exist, so that the write names it.</summary>
        private static string RealPath(string folder)
        {
            // PATH_MAX is 4096 on Linux and 1024 on macOS.
            var buffer = new byte[4096];
            if (LibcRealPath(folder, buffer) == IntPtr.Zero) return folder;
            return Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
        }
    }
}
